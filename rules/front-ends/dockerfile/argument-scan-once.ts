import { Instruction, type Argument } from 'dockerfile-ast';

/*
 * dockerfile-ast scans an instruction's text again on every getRawArguments() call, and its own
 * constructors and getters (getArguments, getArgumentsRange, getFlags, JSONInstruction's JSON
 * reading) call it several times per instruction: a third of a lint went there. A parsed
 * instruction never changes, so the scan is kept on the instance (a WeakMap cost more in GC than
 * it saved); callers get a copy because ModifiableInstruction.getArguments() shifts the flags off
 * the array it receives.
 */
const SCAN = Symbol('driftless.argumentScan');
type Scanned = Instruction & { [SCAN]?: Argument[] };
/** The typings mark getRawArguments private; it is the method every argument getter goes through. */
interface Scanner {
  getRawArguments(this: Instruction): Argument[];
}
const INSTALLED = 'driftlessScanOnce';
const prototype = Instruction.prototype as unknown as Scanner;
const scan = prototype.getRawArguments;

if (!(INSTALLED in scan)) {
  const scanOnce = function (this: Scanned): Argument[] {
    const args = (this[SCAN] ??= scan.call(this));
    return args.slice();
  };
  Object.defineProperty(scanOnce, INSTALLED, { value: true });
  prototype.getRawArguments = scanOnce;
}
