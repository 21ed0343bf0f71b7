// The language server's numbers, through the real protocol against dist/server.js with the debounce set to
// 0: didChange -> publishDiagnostics latency for a 300-line Dockerfile, a 5,000-line manifest (targets
// p99 < 10 ms / < 100 ms) and a 3,000-line Terraform file; the workspace audit over the shared corpus plus 5,000
// generated Dockerfiles, its findings paged as the extension fetches them (targets >= 500 files/s, server RSS
// < 200 MB); the .vsix size (target < 5 MB). The
// server's start (what activation costs) is startup.bench.ts's.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FINDINGS_PAGE, withAllFindings } from '../client/audit-pages';
import type { AuditFinding, AuditResult } from '../server/protocol';
import { TestClient } from '../test/lsp/client';
import { corpusDir } from '../test/support/requirements';
import { withPackagedVsix } from '../test/support/vsix';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_COUNT, generateCorpus, generateLongDockerfile } from './generate-dockerfiles';
import { generateManifest } from './generate-manifest';
import { largeTerraformFile } from './generate-terraform';
import { median, percentile } from './measure';


async function changeLatency(engine: Engine, label: string, file: string, text: string, languageId: string, warmup: number, samples: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-bench-lsp-'));
  const client = await TestClient.spawn({ root: dir, initializationOptions: { debounceMs: 0 } });
  try {
    const path = join(dir, file);
    const uri = `file://${path}`;
    const opened = await client.open(path, text, languageId);
    const times: number[] = [];
    const firstLineEnd = text.indexOf('\n');
    for (let i = 0; i < warmup + samples; i++) {
      // Type one more character at the end of the first comment line: every version is a new text, so no
      // cache keyed by text answers, and the file is re-linted whole, as on every keystroke.
      const at = firstLineEnd + i;
      const started = process.hrtime.bigint();
      const version = await client.change(uri, [
        { range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: String.fromCharCode(97 + (i % 26)) },
      ]);
      await client.nextDiagnostics(uri, (p) => p.version === version);
      if (i >= warmup) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    // The engine's own time for whole lints in this process, without the server's per-document shell parse
    // cache; a different trailing comment each time, so the YAML parse cache (which holds recent texts) never answers.
    const { lintPath } = engine;
    const lints: number[] = [];
    const variant = (i: number): string => `${text}# lint ${i}\n`;
    for (let i = 0; i < warmup; i++) lintPath(path, variant(i));
    for (let i = 0; i < Math.min(samples, 200); i++) {
      const input = variant(warmup + i);
      const started = process.hrtime.bigint();
      lintPath(path, input);
      lints.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    lints.sort((a, b) => a - b);
    console.log(
      `${label}: didChange -> publishDiagnostics p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms ` +
        `(${samples} changes, ${text.split('\n').length} lines, ${opened.diagnostics.length} diagnostics); ` +
        `the engine alone in process (whole lint, no parse cache): p50 ${percentile(lints, 50).toFixed(2)} ms, p99 ${percentile(lints, 99).toFixed(2)} ms; load average ${loadavg()[0].toFixed(1)}`,
    );
  } finally {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

async function auditThroughput(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'driftless-bench-audit-'));
  symlinkSync(generateCorpus(DEFAULT_COUNT), join(root, 'generated'));
  const corpus = corpusDir();
  const withCorpus = existsSync(join(corpus, 'MANIFEST.md'));
  if (withCorpus) symlinkSync(corpus, join(root, 'corpus'));
  else console.log(`audit: corpus not found at ${corpus} (DRIFTLESS_CORPUS): generated files only`);
  const rates: number[] = [];
  const rss: number[] = [];
  let last: AuditResult | undefined;
  try {
    for (let run = 0; run < 3; run++) {
      const client = await TestClient.spawn({ root });
      try {
        const started = process.hrtime.bigint();
        // As the extension asks: the first page of findings with the answer, the others page by page.
        const first = await client.connection.sendRequest<AuditResult>('driftless/audit', { findingLimit: FINDINGS_PAGE });
        last = await withAllFindings(first, (page) => client.connection.sendRequest<AuditFinding[]>('driftless/auditFindings', page));
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        rates.push((last.files / wallMs) * 1000);
        rss.push(peakRssMb(client.pid));
      } finally {
        await client.dispose();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  if (!last) return;
  console.log(
    `audit: ${last.files} files (${withCorpus ? 'corpus + ' : ''}${DEFAULT_COUNT} generated), ${last.findings} findings, ` +
      `median ${median(rates).toFixed(0)} files/s (runs: ${rates.map((r) => r.toFixed(0)).join(', ')}), ` +
      `server peak RSS median ${median(rss).toFixed(0)} MB (max ${Math.max(...rss).toFixed(0)} MB)`,
  );
}

function vsixSize(): void {
  withPackagedVsix((vsix) => console.log(`.vsix: ${(statSync(vsix).size / (1024 * 1024)).toFixed(2)} MB`));
}

async function main(): Promise<void> {
  const engine = await bundledEngine();
  await engine.initEngine();
  await changeLatency(engine, 'Dockerfile 300 lines', 'Dockerfile', `# bench\n${generateLongDockerfile(300)}`, 'dockerfile', 100, 1000);
  await changeLatency(engine, 'manifest 5,000 lines', 'deploy.yaml', `# bench\n${generateManifest(5000)}`, 'yaml', 10, 200);
  await changeLatency(engine, 'Terraform 3,000 lines', 'main.tf', `# bench\n${largeTerraformFile(3000)}`, 'terraform', 10, 200);
  await auditThroughput();
  vsixSize();
}

void main();
