import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'e2e');

/** A fresh copy of the e2e workspace in a temp folder; the scenarios edit it. */
export function copyWorkspace(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-e2e-workspace-'));
  cpSync(join(FIXTURES, 'workspace'), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function expectedText(name: string): string {
  return readFileSync(join(FIXTURES, 'expected', name), 'utf8');
}
