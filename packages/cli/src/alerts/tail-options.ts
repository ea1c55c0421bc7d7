// The flags of `sl alerts tail`, checked once before anything connects: a wrong flag is a
// one-line usage error (exit 2), never a tail that waits for alerts that cannot come.
import { BRAND_ID } from '@sl/brands';
import type { AlertKind } from '@sl/contracts';
import { usageError } from '../cli-error.ts';
import type { ParsedCommandArgs } from '../command.ts';
import { wholeNumber } from '../flag-values.ts';
import { parseAlertKinds } from './alert-kinds.ts';

export interface TailOptions {
  brand: string;
  /** undefined: every kind. */
  kinds: ReadonlySet<AlertKind> | undefined;
  /** Everything the topic keeps first, instead of only alerts raised from now on. @default false */
  fromBeginning: boolean;
  /** Stop after printing this many alerts. @default undefined (no limit) */
  limit: number | undefined;
  /** Stop after this long, in ms, counted from the start. @default undefined (until SIGINT/SIGTERM) */
  timeoutMs: number | undefined;
}

export const tailUsage = 'sl alerts tail --brand ID [--kind KIND]... [--from-beginning] [--limit N] [--timeout-ms MS] [--json]';

export function parseTailOptions(args: ParsedCommandArgs): TailOptions {
  const [extra] = args.positionals;
  if (extra !== undefined) throw usageError(`unexpected argument "${extra}"; usage: ${tailUsage}`);
  const brand = args.values.brand;
  if (typeof brand !== 'string') throw usageError('alerts tail needs the brand: sl alerts tail --brand ID');
  if (!BRAND_ID.test(brand)) {
    throw usageError(
      `--brand must be a brand id (a lower-case slug: letters, digits, - and _, starting with a letter or digit), got "${brand}"`,
    );
  }
  const kinds = args.values.kind;
  return Object.freeze({
    brand,
    kinds: parseAlertKinds(Array.isArray(kinds) ? kinds.map(String) : typeof kinds === 'string' ? [kinds] : undefined),
    fromBeginning: args.values['from-beginning'] === true,
    limit: wholeNumber(args.values.limit, '--limit', 'alerts'),
    timeoutMs: wholeNumber(args.values['timeout-ms'], '--timeout-ms', 'milliseconds'),
  });
}
