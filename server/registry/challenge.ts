/** One `WWW-Authenticate` challenge: `Bearer realm="…",service="…"` or `Basic realm="…"`. */
export interface Challenge {
  scheme: 'bearer' | 'basic';
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Parses a WWW-Authenticate header (RFC 7235, leniently: unquoted values run to a comma); challenges other than Bearer and Basic are skipped. */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  const challenges: Challenge[] = [];
  let rest = text.trim();
  let current: { scheme: string; params: Record<string, string> } | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (!name) break;
    const after = rest.slice(name.length).replace(/^\s*/, '');
    if (after.startsWith('=')) {
      let value: string;
      let tail = after.slice(1).replace(/^\s*/, '');
      if (tail.startsWith('"')) {
        const match = /^"((?:[^"\\]|\\.)*)"/.exec(tail);
        if (!match) break;
        value = match[1].replace(/\\(.)/g, '$1');
        tail = tail.slice(match[0].length);
      } else {
        value = /^[^\s,]*/.exec(tail)?.[0] ?? '';
        tail = tail.slice(value.length);
      }
      if (current) current.params[name.toLowerCase()] = value;
      rest = tail;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      if (current.scheme === 'bearer' || current.scheme === 'basic') challenges.push(current as Challenge);
      rest = after;
    }
  }
  return challenges;
}

/** Bearer is preferred when a registry offers both. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
