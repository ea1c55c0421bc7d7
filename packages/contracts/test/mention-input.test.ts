import { describe, expect, it } from 'vitest';
import { type MentionInputIssue, parseMentionInput, rawMentionContract, toRawMention } from '../src/index.ts';

const minimal = {
  source: 'rss',
  id: 'https://blog.example/p/42',
  text: 'Acme makes the best coffee.',
  publishedAt: '2024-05-01T14:30:00+02:00',
  author: { handle: 'blog.example' },
};

function issuesOf(value: unknown, options?: Parameters<typeof parseMentionInput>[1]): MentionInputIssue[] {
  const result = parseMentionInput(value, options);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.issues;
}

describe('parseMentionInput accepts', () => {
  it('the minimal mention, and toRawMention fills ids, nulls, zero counts and epoch millis', () => {
    const result = parseMentionInput(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const raw = toRawMention(result.value, 1_714_566_604_250);
    expect(raw).toEqual({
      id: 'rss:https://blog.example/p/42',
      source: 'rss',
      sourceId: 'https://blog.example/p/42',
      text: 'Acme makes the best coffee.',
      title: null,
      url: null,
      lang: null,
      publishedAt: Date.UTC(2024, 4, 1, 12, 30),
      ingestedAt: 1_714_566_604_250,
      author: { handle: 'blog.example', name: null, followers: null },
      engagement: { likes: 0, shares: 0, replies: 0 },
      parentId: null,
    });
    expect(rawMentionContract.isValid(raw)).toBe(true);
  });

  it('every optional field, explicit nulls, and partial engagement', () => {
    const full = {
      ...minimal,
      url: 'https://blog.example/p/42',
      title: 'Coffee',
      lang: 'pt-BR',
      author: { handle: 'bea', name: 'Bea', followers: 12 },
      engagement: { likes: 3 },
      parentId: '41',
      publishedAt: '2024-05-01T12:30:00.123456Z',
    };
    const result = parseMentionInput(full);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const raw = toRawMention(result.value, 0);
    expect(raw.engagement).toEqual({ likes: 3, shares: 0, replies: 0 });
    expect(raw.publishedAt).toBe(Date.UTC(2024, 4, 1, 12, 30, 0, 123));
    expect(raw.author).toEqual({ handle: 'bea', name: 'Bea', followers: 12 });
    expect(parseMentionInput({ ...minimal, url: null, title: null, author: { handle: 'x', followers: null } }).ok).toBe(true);
  });

  it('an empty text (an image-only post still counts as a mention)', () => {
    expect(parseMentionInput({ ...minimal, text: '' }).ok).toBe(true);
  });
});

describe('parseMentionInput rejects, with the path and a message a sender can act on', () => {
  it('missing required fields', () => {
    expect(issuesOf({})).toEqual([
      { path: 'source', message: 'is required' },
      { path: 'id', message: 'is required' },
      { path: 'text', message: 'is required' },
      { path: 'publishedAt', message: expect.stringContaining('got undefined') },
      { path: 'author', message: 'is required' },
    ]);
    expect(issuesOf({ ...minimal, author: {} })).toEqual([{ path: 'author.handle', message: 'is required' }]);
  });

  it('a date that is not ISO 8601 with a timezone', () => {
    for (const publishedAt of ['yesterday', '2024-05-01T12:30:00', '2024-05-01', '2024-02-30T10:00:00Z']) {
      expect(issuesOf({ ...minimal, publishedAt })).toEqual([
        { path: 'publishedAt', message: `expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got "${publishedAt}"` },
      ]);
    }
  });

  it('a bad source slug, an empty or over-long id, and an empty handle', () => {
    expect(issuesOf({ ...minimal, source: 'RSS feed' })[0]).toEqual({
      path: 'source',
      message: 'expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "RSS feed"',
    });
    expect(issuesOf({ ...minimal, id: '' })).toEqual([{ path: 'id', message: 'must not be empty' }]);
    expect(issuesOf({ ...minimal, id: 'x'.repeat(513) })).toEqual([{ path: 'id', message: 'must be at most 512 characters, got 513' }]);
    expect(issuesOf({ ...minimal, author: { handle: '' } })).toEqual([{ path: 'author.handle', message: 'must not be empty' }]);
  });

  it('text over the limit, which callers can lower', () => {
    expect(issuesOf({ ...minimal, text: 'a'.repeat(20_001) })).toEqual([{ path: 'text', message: 'must be at most 20000 characters, got 20001' }]);
    expect(issuesOf({ ...minimal, text: 'abcdef' }, { maxTextLength: 5 })).toEqual([{ path: 'text', message: 'must be at most 5 characters, got 6' }]);
  });

  it('a url that is not absolute http(s)', () => {
    for (const url of ['not a url', 'javascript:alert(1)', '/relative/path']) {
      expect(issuesOf({ ...minimal, url })).toEqual([{ path: 'url', message: `expected an absolute http(s) URL, got ${JSON.stringify(url)}` }]);
    }
  });

  it('negative, fractional or non-numeric counts', () => {
    expect(issuesOf({ ...minimal, author: { handle: 'x', followers: -1 } })).toEqual([
      { path: 'author.followers', message: 'expected a non-negative integer followers count, got -1' },
    ]);
    expect(issuesOf({ ...minimal, engagement: { likes: 1.5, shares: '3' } })).toEqual([
      { path: 'engagement.likes', message: 'expected a non-negative integer likes count, got 1.5' },
      { path: 'engagement.shares', message: 'expected a non-negative integer shares count, got "3"' },
    ]);
  });

  it('a document that is not an object, with an empty path', () => {
    expect(issuesOf([minimal])).toEqual([{ path: '', message: 'expected an object, got an array' }]);
    expect(issuesOf(null)).toEqual([{ path: '', message: 'expected an object, got null' }]);
  });

  it('a wrongly typed optional field', () => {
    expect(issuesOf({ ...minimal, title: 42, lang: 'english language' })).toEqual([
      { path: 'title', message: 'expected a string, got 42' },
      { path: 'lang', message: 'expected a language tag like "en" or "pt-BR", got "english language"' },
    ]);
  });
});
