/** A platform as written in `FROM --platform=` or the configuration: `os/arch[/variant]`. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9._-]+$/.test(p))) return undefined;
  return { os: parts[0], architecture: parts[1], variant: parts[2] };
}

export function formatPlatform(p: Partial<Platform>): string {
  return [p.os ?? '?', p.architecture ?? '?', ...(p.variant ? [p.variant] : [])].join('/');
}

/** The variant containerd assumes when none is given. */
function defaultVariant(architecture: string): string | undefined {
  if (architecture === 'arm64') return 'v8';
  if (architecture === 'arm') return 'v7';
  return undefined;
}

/** Whether an index entry's platform serves the wanted one (a missing variant means the default). */
export function platformMatches(wanted: Platform, entry: Partial<Platform>): boolean {
  if (entry.os !== wanted.os || entry.architecture !== wanted.architecture) return false;
  const want = wanted.variant ?? defaultVariant(wanted.architecture);
  const have = entry.variant ?? defaultVariant(wanted.architecture);
  return want === have;
}
