import { From, type Dockerfile, type Flag, type Instruction, Copy, Run } from 'dockerfile-ast';
import { imageFact, isSha256Digest, parseImageReference } from '../../image-reference';
import type { LineIndex } from '../../text';
import { DIGEST_PLACEHOLDER, type ImageRef, type ImageSource, type Span, type TextEdit } from '../../types';
import { substitute } from '../../variables';
import { referenceCount, trailingVariable, type GlobalArgs } from './variables';

const PIN_TEXT = `@${DIGEST_PLACEHOLDER}`;

interface Written {
  /** The text as written in the file. */
  raw: string;
  span: Span;
}

/** The images a Dockerfile builds from or copies out of: FROM, COPY --from, RUN --mount=from, `# syntax=`. */
export class ImageCollector {
  private readonly stages = new Set<string>();
  readonly images: ImageRef[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly args: GlobalArgs,
    dockerfile: Dockerfile,
  ) {
    for (const from of dockerfile.getFROMs()) {
      const stage = from.getBuildStage();
      if (stage) this.stages.add(stage.toLowerCase());
    }
  }

  syntaxDirective(dockerfile: Dockerfile): void {
    const syntax = dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
    if (!syntax) return;
    const span = this.span(syntax.getValueRange());
    this.add({ raw: this.text.slice(span.start, span.end), span }, 'syntax');
  }

  instruction(instruction: Instruction, earlierStages: ReadonlySet<string>): void {
    if (instruction instanceof From) this.from(instruction, earlierStages);
    else if (instruction instanceof Copy && this.mentions(instruction, '--from')) this.copyFrom(instruction.getFromFlag());
    if ((instruction instanceof Run || instruction instanceof Copy) && this.mentions(instruction, 'from=')) {
      for (const flag of instruction.getFlags()) if (flag.getName().toLowerCase() === 'mount') this.mountFrom(flag);
    }
  }

  private from(from: From, earlierStages: ReadonlySet<string>): void {
    const range = from.getImageRange();
    if (!range) return;
    const span = this.span(range);
    const raw = this.text.slice(span.start, span.end);
    const resolved = substitute(raw, this.args);
    if (resolved === undefined || resolved.toLowerCase() === 'scratch' || earlierStages.has(resolved.toLowerCase())) return;
    const platform = from.getPlatformFlag()?.getValue() ?? undefined;
    this.add({ raw, span }, 'from', platform && !platform.includes('$') ? platform : undefined);
  }

  private copyFrom(flag: Flag | null): void {
    const value = flag?.getValueRange();
    if (!value) return;
    const span = this.span(value);
    const raw = this.text.slice(span.start, span.end);
    if (!this.isStage(raw)) this.add({ raw, span }, 'copy-from');
  }

  private mountFrom(flag: Flag): void {
    const from = flag.getOption('from');
    const value = from?.getValueRange();
    if (!value) return;
    const span = this.span(value);
    const raw = this.text.slice(span.start, span.end);
    if (!this.isStage(raw)) this.add({ raw, span }, 'mount-from');
  }

  /** A cheap look at the instruction's text before asking dockerfile-ast, which re-reads the arguments on each call. */
  private mentions(instruction: Instruction, needle: string): boolean {
    const span = this.span(instruction.getRange());
    return this.text.slice(span.start, span.end).includes(needle);
  }

  private isStage(raw: string): boolean {
    const resolved = substitute(raw, this.args) ?? raw;
    return /^\d+$/.test(resolved) || this.stages.has(resolved.toLowerCase());
  }

  private add(written: Written, source: ImageSource, platform?: string): void {
    const text = substitute(written.raw, this.args);
    if (text === undefined) return;
    const parsed = parseImageReference(text);
    if (!parsed) return;
    const image = imageFact(text, written.span, parsed, source);
    if (platform) image.platform = platform;
    if (!isSha256Digest(parsed.digest)) this.pinning(image, written);
    this.images.push(image);
  }

  /** Where `@sha256:…` goes: after the reference, or after the ARG default it ends with. */
  private pinning(image: ImageRef, written: Written): void {
    if (image.digest !== undefined) {
      image.pinBlocker = `the digest ${image.digest} is not a sha256 digest`;
      return;
    }
    if (written.raw === image.text) {
      image.pin = [insertAt(written.span.end)];
      return;
    }
    const variable = trailingVariable(written.raw);
    const arg = variable === undefined ? undefined : this.args.get(variable);
    if (variable === undefined && written.raw.endsWith('}')) {
      image.pinBlocker = 'its end comes from a variable expression; pin it where the value is set';
    } else if (variable === undefined) {
      image.pin = [insertAt(written.span.end)];
    } else if (arg?.valueEnd === undefined) {
      image.pinBlocker = `its end comes from \`${variable}\`, which has no default in a global ARG`;
    } else if (referenceCount(this.text, variable) > 1) {
      image.pinBlocker = `its end comes from ARG \`${variable}\`, which is used elsewhere too; pin it where it is set`;
    } else {
      image.pin = [insertAt(arg.valueEnd)];
    }
  }

  private span(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { start: this.lines.offset(range.start), end: this.lines.offset(range.end) };
  }
}

function insertAt(offset: number): TextEdit {
  return { span: { start: offset, end: offset }, newText: PIN_TEXT };
}
