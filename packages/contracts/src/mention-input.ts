// The JSON shape a mention has when it enters from outside (the HTTP gateway, connector output),
// its zod guard, and the one conversion into the RawMention record. Untrusted input stops here
// with messages a sender can act on; everything downstream trusts the Avro contract instead.
import { z } from 'zod';
import type { RawMention } from './raw-mention.ts';

/** Default cap on `text`, in UTF-16 code units (String#length). */
export const MAX_MENTION_TEXT_LENGTH = 20_000;
/** Cap on ids (source id, parent id): long enough for URLs used as ids, short enough for Kafka keys. */
export const MAX_MENTION_ID_LENGTH = 512;

/** The earliest publishedAt accepted: a date before the Unix epoch is a source's bug (a zero or a sign error). */
export const EARLIEST_PUBLISHED_AT = 0;

const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
// BCP 47 in its common shapes (en, pt-BR, zh-Hant-TW); full validation is not worth its weight.
const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

const count = (field: string) =>
  z
    .number({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` })
    .int({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` })
    .nonnegative({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` });

// Free text (the body, a title, a display name) may hold tab, newline and carriage return, but no
// other C0 control character: NUL truncates strings in C-based tools, ESC drives terminals.
const isTextControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
// Ids and handles become Kafka keys, file names in exports and words in a terminal: no control
// character at all (C0, DEL, C1).
const isIdControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** Rejects control characters and lone surrogates (which UTF-8 cannot carry), naming the first. */
function checkCharacters(isControl: (code: number) => boolean) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    let position = 0;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      position++;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        const next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        ctx.addIssue({ code: 'custom', input: value, message: `is not valid Unicode: a lone surrogate ${codePoint(code)} at character ${position}` });
        return;
      }
      if (isControl(code)) {
        ctx.addIssue({ code: 'custom', input: value, message: `must not contain control characters, found ${codePoint(code)} at character ${position}` });
        return;
      }
    }
  };
}

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const freeText = () => z.string().superRefine(checkCharacters(isTextControl));
const identifier = () =>
  z
    .string()
    .min(1)
    .max(MAX_MENTION_ID_LENGTH)
    .superRefine(checkCharacters(isIdControl))
    .refine((value) => value.trim() !== '', { error: 'must not be blank', abort: true, when: (payload) => payload.issues.length === 0 });

const optionalText = (maxLength: number) => freeText().max(maxLength).nullish();

function buildMentionInputSchema(maxTextLength: number) {
  return z.object({
    source: z.string().regex(SOURCE_PATTERN, {
      error: (issue) => `expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got ${describeInput(issue.input)}`,
    }),
    id: identifier(),
    text: freeText().max(maxTextLength),
    publishedAt: z.iso
      .datetime({
        offset: true,
        abort: true, // one message per bad date, not a second one from the refine below
        error: (issue) =>
          `expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got ${describeInput(issue.input)}`,
      })
      .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'is not a real date-time', abort: true })
      .refine((text) => Date.parse(text) >= EARLIEST_PUBLISHED_AT, {
        error: (issue) => `must be on or after 1970-01-01T00:00:00Z, got ${describeInput(issue.input)}`,
      }),
    url: z
      .url({
        protocol: /^https?$/,
        error: (issue) => `expected an absolute http(s) URL, got ${describeInput(issue.input)}`,
      })
      // Its own message: the URL's error above would otherwise speak for a URL that is only too long.
      .max(4096, { error: (issue) => `must be at most 4096 characters, got ${String(issue.input).length}` })
      .superRefine(checkCharacters(isIdControl))
      .nullish(),
    title: optionalText(1024),
    lang: z
      .string()
      .regex(LANGUAGE_TAG_PATTERN, { error: (issue) => `expected a language tag like "en" or "pt-BR", got ${describeInput(issue.input)}` })
      .nullish(),
    author: z.object({
      handle: identifier(),
      name: optionalText(512),
      followers: count('followers').nullish(),
    }),
    engagement: z
      .object({
        likes: count('likes').optional(),
        shares: count('shares').optional(),
        replies: count('replies').optional(),
      })
      .nullish(),
    parentId: identifier().nullish(),
  });
}

const defaultSchema = buildMentionInputSchema(MAX_MENTION_TEXT_LENGTH);

/** A mention as accepted from outside JSON. Optional fields may be absent or null. */
export type MentionInput = z.output<typeof defaultSchema>;

export interface MentionInputIssue {
  /** Dotted path to the field, e.g. "author.handle"; "" for the document itself. */
  path: string;
  message: string;
}

export type MentionInputResult = { ok: true; value: MentionInput } | { ok: false; issues: MentionInputIssue[] };

export interface ParseMentionInputOptions {
  /** Cap on `text` length. @default MAX_MENTION_TEXT_LENGTH (20 000) */
  maxTextLength?: number;
  /**
   * Latest publishedAt accepted, epoch ms: the receiver's clock plus the skew it tolerates. A
   * mention from the future would open rollup windows nobody reaches. @default no limit
   */
  latestPublishedAt?: number;
}

export function parseMentionInput(value: unknown, options: ParseMentionInputOptions = {}): MentionInputResult {
  const schema =
    options.maxTextLength === undefined || options.maxTextLength === MAX_MENTION_TEXT_LENGTH
      ? defaultSchema
      : buildMentionInputSchema(options.maxTextLength);
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) {
    const latest = options.latestPublishedAt;
    if (latest !== undefined && Date.parse(result.data.publishedAt) > latest) {
      const message = `must not be later than ${new Date(latest).toISOString()} (the receiver's clock plus its tolerance), got ${describeInput(result.data.publishedAt)}`;
      return { ok: false, issues: [{ path: 'publishedAt', message }] };
    }
    return { ok: true, value: result.data };
  }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}

/** The RawMention record for an accepted input. `ingestedAt` is epoch milliseconds UTC. */
export function toRawMention(input: MentionInput, ingestedAt: number): RawMention {
  return {
    id: `${input.source}:${input.id}`,
    source: input.source,
    sourceId: input.id,
    text: input.text,
    title: input.title ?? null,
    url: input.url ?? null,
    lang: input.lang ?? null,
    publishedAt: Date.parse(input.publishedAt),
    ingestedAt,
    author: {
      handle: input.author.handle,
      name: input.author.name ?? null,
      followers: input.author.followers ?? null,
    },
    engagement: {
      likes: input.engagement?.likes ?? 0,
      shares: input.engagement?.shares ?? 0,
      replies: input.engagement?.replies ?? 0,
    },
    parentId: input.parentId ?? null,
  };
}

// Messages for the issues no field-level message covers, worded for the person who sent the JSON.
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${article(issue.expected)}, got ${describeInput(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters, got ${String(issue.input).length}`
        : `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  return expected === 'object' || expected === 'array' ? `an ${expected}` : `a ${expected}`;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (typeof input === 'object') return 'an object';
  return String(input);
}
