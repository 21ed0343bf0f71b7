// The language server under a storm of edits (issue 14, item 9c), through the real protocol against dist/server.js
// with the debounce set to 0: 1,000 one-character changes to a 5,000-line manifest, and 200 full-text changes of a
// 2 MB YAML file, sent without waiting. Prints how long until the diagnostics of the last version arrive, how many
// lints ran (publications), and the server's peak RSS. Before the change: 1,000 lints and 233 MB for the first;
// the issue measured 103 s to settle for the second, one lint per change: a lint (1.4 s here) blocks reading the
// next change, which had not fully arrived when the lint was due. Since a document's changes wait for a pause as
// long as its last lint took (quietPeriodMs): one lint, 40 s at load 9 of which nearly all is sending, reading and
// JSON-decoding 400 MB (the same storm sent with a 3 s debounce, so no lint runs, takes 20-23 s at that load).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../test/lsp/client';
import { generateManifest } from './generate-manifest';

function peakRssMb(pid: number | undefined): number {
  const match = pid === undefined ? null : /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

async function storm(label: string, text: string, changes: number, change: (i: number) => TextDocumentContentChangeEvent): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-bench-storm-'));
  const client = await TestClient.spawn({ root: dir, initializationOptions: { debounceMs: 0 } });
  try {
    const path = join(dir, 'storm.yaml');
    const uri = pathToFileURL(path).href;
    await client.open(path, text, 'yaml');
    let publications = 0;
    void client.nextDiagnostics(uri, () => {
      publications++;
      return false;
    });
    const started = process.hrtime.bigint();
    const sends: Promise<number>[] = [];
    for (let i = 0; i < changes; i++) sends.push(client.change(uri, [change(i)]));
    const versions = await Promise.all(sends);
    const last = versions[versions.length - 1];
    if (client.published.get(uri)?.version !== last) await client.nextDiagnostics(uri, (p) => p.version === last);
    const settledMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `${label}: settled ${(settledMs / 1000).toFixed(2)} s after the first change, ${publications} lints for ${changes} changes, ` +
        `server peak RSS ${peakRssMb(client.pid).toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)}`,
    );
  } finally {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const manifest = `# storm\n${generateManifest(5000)}`;
  await storm('1,000 one-character changes, 5,000-line manifest', manifest, 1000, (i) => ({
    range: { start: { line: 0, character: 7 + i }, end: { line: 0, character: 7 + i } },
    text: 'x',
  }));
  let big = `# storm\n${generateManifest(5000)}`;
  while (big.length < 2 * 1024 * 1024) big += generateManifest(5000);
  await storm(`200 full-text changes, ${(big.length / (1024 * 1024)).toFixed(1)} MB YAML`, big, 200, (i) => ({ text: `# ${i}\n${big}` }));
}

void main();
