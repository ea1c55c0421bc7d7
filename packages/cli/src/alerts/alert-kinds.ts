// --kind for `sl alerts tail`: repeatable and comma-separated, checked against the kinds this
// build knows, so a typo is an error and not a tail that silently never prints anything.
import { ALERT_KINDS, type AlertKind } from '@sl/contracts';
import { usageError } from '../cli-error.ts';

const known: ReadonlySet<string> = new Set(ALERT_KINDS);

/** `--kind a,b --kind c` -> {a, b, c}; undefined (every kind) when the flag is absent. Case and - vs _ do not matter. */
export function parseAlertKinds(values: readonly string[] | undefined): ReadonlySet<AlertKind> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const wanted = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase().replaceAll('-', '_'))
    .filter((v) => v !== '');
  const list = `known kinds: ${ALERT_KINDS.join(', ')}`;
  if (wanted.length === 0) throw usageError(`--kind needs a kind, e.g. --kind negative_surge; ${list}`);
  const unknown = [...new Set(wanted.filter((k) => !known.has(k)))];
  if (unknown.length > 0)
    throw usageError(`unknown alert kind${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; ${list}`);
  return new Set(wanted as AlertKind[]);
}
