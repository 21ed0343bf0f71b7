import type { FileProbe } from '../../rules/types';
import { lazyCrypto } from '../lazy-crypto';

/**
 * One question a lint asked about another file, and its answer: whether it exists, or a hash of its text
 * (null: no text, as the probe answered undefined).
 */
export type ProbeAnswer = { path: string; exists: boolean } | { path: string; read: string | null };

/** A probe that answers as `probe` does and notes every distinct question with its answer. */
export function recordingProbe(probe: FileProbe): { probe: FileProbe; answers: ProbeAnswer[] } {
  const answers: ProbeAnswer[] = [];
  const asked = new Set<string>();
  const note = (key: string, answer: ProbeAnswer): void => {
    if (asked.has(key)) return;
    asked.add(key);
    answers.push(answer);
  };
  const { read } = probe;
  return {
    answers,
    probe: {
      exists(path) {
        const exists = probe.exists(path);
        note(`e${path}`, { path, exists });
        return exists;
      },
      ...(read && {
        read(path: string) {
          const text = read.call(probe, path);
          note(`r${path}`, { path, read: text === undefined ? null : textHash(text) });
          return text;
        },
      }),
    },
  };
}

/** Whether `probe` still answers every question as recorded. */
export function answersHold(answers: readonly ProbeAnswer[], probe: FileProbe): boolean {
  for (const answer of answers) {
    if ('exists' in answer) {
      if (probe.exists(answer.path) !== answer.exists) return false;
    } else {
      const text = probe.read?.(answer.path);
      if ((text === undefined ? null : textHash(text)) !== answer.read) return false;
    }
  }
  return true;
}

/** SHA-256 of a text, base64: what the result cache compares texts by. */
export function textHash(text: string): string {
  return lazyCrypto().hash('sha256', text, 'base64');
}
