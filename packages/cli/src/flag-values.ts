// Flag and argument checks shared by the commands, each a one-line usage error (exit 2) that
// names the flag, what it wants and what came.
import { usageError } from './cli-error.ts';
import type { ParsedCommandArgs } from './command.ts';

/** Refuses positionals beyond the first `allowed`: a stray word is a mistake, never ignored. */
export function rejectExtraArguments(args: ParsedCommandArgs, allowed: number, usage: string): void {
  const extra = args.positionals[allowed];
  if (extra !== undefined) throw usageError(`unexpected argument "${extra}"; usage: ${usage}`);
}

/** A whole number flag, at least `min`; undefined when the flag is absent. */
export function wholeNumber(value: unknown, flag: string, unit: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min)
    throw usageError(`${flag} must be a whole number of ${unit}, at least ${min}, got "${text}"`);
  return n;
}

/** A positive number flag (decimals allowed); undefined when the flag is absent. */
export function positiveNumber(value: unknown, flag: string, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n <= 0) throw usageError(`${flag} must be a positive number of ${unit}, got "${text}"`);
  return n;
}
