import type { VariableValue } from '../../variables';

/** A global `ARG` (before the first FROM): its default and where that default's text ends. */
export interface GlobalArg extends VariableValue {
  /** Where `@digest` goes to pin the default: the end of the value, inside its quotes. */
  valueEnd?: number;
}

export type GlobalArgs = ReadonlyMap<string, GlobalArg>;

/** The variable a reference ends with (`${TAG}` / `$TAG`), when it is a plain reference. */
export function trailingVariable(text: string): string | undefined {
  return /\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text)?.slice(1).find((g) => g !== undefined);
}

/** How many times `$NAME` / `${NAME…}` appears in the file. */
export function referenceCount(fileText: string, name: string): number {
  return fileText.match(new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`, 'g'))?.length ?? 0;
}
