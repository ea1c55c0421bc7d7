import type { RawMention } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import type { BodyItem } from '../src/request-body.ts';
import { validateMentions } from '../src/validate-mentions.ts';

const INGESTED_AT = Date.UTC(2024, 4, 2, 8, 0, 0);

const input = (id: string, extra: Record<string, unknown> = {}) => ({
  source: 'rss',
  id,
  text: `text of ${id}`,
  publishedAt: '2024-05-01T14:30:00+02:00',
  author: { handle: `h-${id}` },
  ...extra,
});

const raw = (id: string): RawMention => ({
  id: `rss:${id}`,
  source: 'rss',
  sourceId: id,
  text: `text of ${id}`,
  title: null,
  url: null,
  lang: null,
  publishedAt: Date.UTC(2024, 4, 1, 12, 30, 0),
  ingestedAt: INGESTED_AT,
  author: { handle: `h-${id}`, name: null, followers: null },
  engagement: { likes: 0, shares: 0, replies: 0 },
  parentId: null,
});

const ok = (value: unknown): BodyItem => ({ ok: true, value });

describe('validateMentions', () => {
  it('converts every valid item, keeping its index', () => {
    expect(validateMentions([ok(input('a')), ok(input('b'))], INGESTED_AT)).toEqual({
      accepted: [
        { index: 0, mention: raw('a') },
        { index: 1, mention: raw('b') },
      ],
      rejected: [],
    });
  });

  it('keeps every optional field a valid item carries', () => {
    const full = input('f', {
      title: 'T',
      url: 'https://example.com/f',
      lang: 'pt-BR',
      author: { handle: 'hf', name: 'Name', followers: 12 },
      engagement: { likes: 3, replies: 1 },
      parentId: 'p0',
    });
    expect(validateMentions([ok(full)], INGESTED_AT).accepted).toEqual([
      {
        index: 0,
        mention: {
          ...raw('f'),
          title: 'T',
          url: 'https://example.com/f',
          lang: 'pt-BR',
          author: { handle: 'hf', name: 'Name', followers: 12 },
          engagement: { likes: 3, shares: 0, replies: 1 },
          parentId: 'p0',
        },
      },
    ]);
  });

  it('reports each invalid item by index, with its id when it had one and one entry per bad field', () => {
    const items: BodyItem[] = [
      ok(input('a')),
      ok({ ...input('b'), publishedAt: 'yesterday', author: { handle: '' } }),
      { ok: false, message: 'line 3 is empty' },
      ok(input('d')),
      ok(42),
      ok({ ...input('x'), id: 7 }),
    ];
    expect(validateMentions(items, INGESTED_AT)).toEqual({
      accepted: [
        { index: 0, mention: raw('a') },
        { index: 3, mention: raw('d') },
      ],
      rejected: [
        {
          index: 1,
          id: 'b',
          errors: [
            {
              path: 'publishedAt',
              message: 'expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got "yesterday"',
            },
            { path: 'author.handle', message: 'must not be empty' },
          ],
        },
        { index: 2, errors: [{ path: '(item)', message: 'line 3 is empty' }] },
        { index: 4, errors: [{ path: '', message: 'expected an object, got 42' }] },
        { index: 5, errors: [{ path: 'id', message: 'expected a string, got 7' }] },
      ],
    });
  });

  it('says a missing required object is required', () => {
    const { author: _author, ...noAuthor } = input('n');
    expect(validateMentions([ok(noAuthor), ok(null)], INGESTED_AT).rejected).toEqual([
      { index: 0, id: 'n', errors: [{ path: 'author', message: 'is required' }] },
      { index: 1, errors: [{ path: '', message: 'expected an object, got null' }] },
    ]);
  });

  it('returns nothing for no items', () => {
    expect(validateMentions([], INGESTED_AT)).toEqual({ accepted: [], rejected: [] });
  });

  it('refuses a publishedAt more than a day ahead of the clock, or before 1970', () => {
    const ahead = input('f', { publishedAt: '2024-05-03T08:00:01Z' });
    const old = input('o', { publishedAt: '1969-12-31T23:59:59Z' });
    const edge = input('e', { publishedAt: '2024-05-03T08:00:00Z' });
    expect(validateMentions([ok(ahead), ok(old), ok(edge)], INGESTED_AT)).toEqual({
      accepted: [{ index: 2, mention: { ...raw('e'), publishedAt: Date.UTC(2024, 4, 3, 8, 0, 0) } }],
      rejected: [
        {
          index: 0,
          id: 'f',
          errors: [{ path: 'publishedAt', message: 'must not be later than 2024-05-03T08:00:00.000Z (the receiver\'s clock plus its tolerance), got "2024-05-03T08:00:01Z"' }],
        },
        { index: 1, id: 'o', errors: [{ path: 'publishedAt', message: 'must be on or after 1970-01-01T00:00:00Z, got "1969-12-31T23:59:59Z"' }] },
      ],
    });
  });
});
