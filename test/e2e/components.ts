import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Keep in step with scripts/setup-code-server.sh, which installs these. */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = 24;
const COMPLETE_MARK = '.driftless-complete';

export interface Component {
  what: string;
  path: string;
  /** The file whose presence proves the component is installed. */
  probe: string;
}

function cacheRoot(): string {
  const explicit = process.env.DRIFTLESS_E2E_CACHE;
  if (explicit) return explicit;
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'driftless-e2e');
}

export function codeServer(): Component {
  const dir = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  return {
    what: `code-server ${CODE_SERVER_VERSION} (cached)`,
    path: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    probe: join(dir, COMPLETE_MARK),
  };
}

export function node24(): Component {
  const dir = join(cacheRoot(), `node-${NODE_MAJOR}`);
  return { what: `Node ${NODE_MAJOR} for code-server`, path: join(dir, 'node_modules', 'node', 'bin', 'node'), probe: join(dir, COMPLETE_MARK) };
}

export function chromium(): Component {
  return { what: 'Debian chromium', path: '/usr/bin/chromium', probe: '/usr/bin/chromium' };
}

export function dockerRegistry(): Component {
  return { what: 'Debian docker-registry', path: '/usr/bin/docker-registry', probe: '/usr/bin/docker-registry' };
}

export function isInstalled(component: Component): boolean {
  return existsSync(component.probe) && existsSync(component.path);
}
