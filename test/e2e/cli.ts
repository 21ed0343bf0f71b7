import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './session';

export interface CliFinding {
  /** Absolute path. */
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
}

export interface CliReport {
  summary: { files: number; findings: number; byRule: Record<string, number> };
  findings: CliFinding[];
}

/** The CLI's JSON report for a folder, from the same engine the extension bundles. */
export function cliReport(folder: string): CliReport {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--format', 'json', '--failure-threshold', 'none', '.'], {
    cwd: folder,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`driftless --format json ${folder} exited ${result.status ?? result.signal}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as CliReport;
  return { ...report, findings: report.findings.map((f) => ({ ...f, file: resolve(folder, f.file) })) };
}
