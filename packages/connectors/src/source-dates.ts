// Dates as sources write them, into the ISO 8601 UTC form mentions carry.

/** RFC 822/1123 (RSS pubDate), RFC 3339 (Atom, Mastodon, Algolia); undefined when unreadable. */
export function parseFeedDate(text: string | undefined | null): string | undefined {
  if (typeof text !== 'string') return undefined;
  let value = text.trim();
  if (value === '') return undefined;
  // An ISO date-time without a zone would be read as the machine's local time; sources mean UTC.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) value = `${value.replace(' ', 'T')}Z`;
  // "UT" is RFC 822's spelling of GMT, which V8 does not read.
  value = value.replace(/\bUT$/, 'GMT');
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Unix seconds (Algolia created_at_i, Reddit created_utc) to ISO; undefined unless a finite number. */
export function fromUnixSeconds(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** Mastodon and Twitter-style snowflake ids are decimal strings that outgrow a double: compare as BigInt. */
export function compareNumericIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
