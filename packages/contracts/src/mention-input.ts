// The JSON shape a mention has when it enters from outside (the HTTP gateway, connector output),
// its zod guard, and the one conversion into the RawMention record. Untrusted input stops here
// with messages a sender can act on; everything downstream trusts the Avro contract instead.
import { z } from 'zod';
import type { RawMention } from './raw-mention.ts';

/** Default cap on `text`, in UTF-16 code units (String#length). */
export const MAX_MENTION_TEXT_LENGTH = 20_000;
/** Cap on ids (source id, parent id): long enough for URLs used as ids, short enough for Kafka keys. */
export const MAX_MENTION_ID_LENGTH = 512;

const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
// BCP 47 in its common shapes (en, pt-BR, zh-Hant-TW); full validation is not worth its weight.
const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

const count = (field: string) =>
  z
    .number({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` })
    .int({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` })
    .nonnegative({ error: (issue) => `expected a non-negative integer ${field} count, got ${describeInput(issue.input)}` });

const optionalText = (maxLength: number) => z.string().max(maxLength).nullish();

function buildMentionInputSchema(maxTextLength: number) {
  return z.object({
    source: z.string().regex(SOURCE_PATTERN, {
      error: (issue) => `expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got ${describeInput(issue.input)}`,
    }),
    id: z.string().min(1).max(MAX_MENTION_ID_LENGTH),
    text: z.string().max(maxTextLength),
    publishedAt: z.iso
      .datetime({
        offset: true,
        abort: true, // one message per bad date, not a second one from the refine below
        error: (issue) =>
          `expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got ${describeInput(issue.input)}`,
      })
      .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'is not a real date-time' }),
    url: z
      .url({
        protocol: /^https?$/,
        error: (issue) => `expected an absolute http(s) URL, got ${describeInput(issue.input)}`,
      })
      .max(4096)
      .nullish(),
    title: optionalText(1024),
    lang: z
      .string()
      .regex(LANGUAGE_TAG_PATTERN, { error: (issue) => `expected a language tag like "en" or "pt-BR", got ${describeInput(issue.input)}` })
      .nullish(),
    author: z.object({
      handle: z.string().min(1).max(MAX_MENTION_ID_LENGTH),
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
    parentId: z.string().min(1).max(MAX_MENTION_ID_LENGTH).nullish(),
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
}

export function parseMentionInput(value: unknown, options: ParseMentionInputOptions = {}): MentionInputResult {
  const schema =
    options.maxTextLength === undefined || options.maxTextLength === MAX_MENTION_TEXT_LENGTH
      ? defaultSchema
      : buildMentionInputSchema(options.maxTextLength);
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return { ok: true, value: result.data };
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
