import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './requirements';

/** Packages the extension with vsce into a temporary folder, hands the `.vsix` path to `use`, then removes it. */
export function withPackagedVsix<T>(use: (vsix: string) => T): T {
  const out = mkdtempSync(join(tmpdir(), 'driftless-vsix-'));
  try {
    const vsix = join(out, 'driftless.vsix');
    // The flags of `npm run package`: no repository to link the README's relative links to, and none invented.
    const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
    const vsce = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', ...flags, '--out', vsix], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (vsce.status !== 0) throw new Error(`vsce package failed (exit ${vsce.status ?? vsce.signal}): ${vsce.stderr}`);
    return use(vsix);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
