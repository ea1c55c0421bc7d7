import type { EnrichedMention } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { createEnricher } from '../src/index.ts';
import { brand, mention } from './fixtures.ts';

const brands = [brand('acme', 'acme'), brand('globex', 'globex')];

// A post naming Acme, a comment on it that does not, a reply to that comment, and a reply to an
// unrelated post: the conversation of Acme is the first three.
const post = mention('p1', 'The Acme blender arrived today, first impressions in the thread', { url: 'https://blog.example/acme-blender?utm_source=x' });
const comment = mention('c1', 'Mine broke after a week, the lid cracked', { parentId: 'p1' });
const replyToComment = mention('c2', 'Same lid problem here, support replaced it', { parentId: 'c1' });
const elsewhere = mention('c3', 'Nice photos of your garden', { parentId: 'p9' });
// A microblog reply naming the post by its URL, from another source.
const crossSource = mention('m1', 'Is that the new model?', { source: 'mastodon', id: 'mastodon:m1', parentId: 'https://www.blog.example/acme-blender/' });

/** What a test compares: who joined which brand's conversation, how and in which thread. */
const summary = (out: readonly EnrichedMention[]) =>
  out.map((m) => `${m.id} ${m.brandId} ${m.role} ${m.threadId}${m.isDuplicate ? ' duplicate' : ''}`).sort();

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('threads', () => {
  it("takes a comment that does not name the brand into the brand's conversation as a thread reply, and replies to it too", () => {
    const enricher = createEnricher({ brands });
    const out = [post, comment, replyToComment, elsewhere, crossSource].flatMap((raw) => enricher.enrich(raw));
    expect(summary(out)).toEqual([
      'mastodon:m1 acme thread_reply rss:p1',
      'rss:c1 acme thread_reply rss:p1',
      'rss:c2 acme thread_reply rss:p1',
      'rss:p1 acme mention rss:p1',
    ]);
    const reply = out.find((m) => m.id === 'rss:c1') as EnrichedMention;
    // Scored like any mention, with no query terms of its own.
    expect(reply.matchedTerms).toEqual([]);
    expect(reply.spamReasons).toEqual([]);
    expect(reply.detectedLang).toBe('en');
  });

  it('gives the same threads in every order the five records can be read in (120 orders)', () => {
    const records = [post, comment, replyToComment, elsewhere, crossSource];
    const sorted = (() => {
      const enricher = createEnricher({ brands });
      return summary(records.flatMap((raw) => enricher.enrich(raw)));
    })();
    expect(sorted).toHaveLength(4);
    const seen = new Set<string>();
    for (const order of permutations(records)) {
      const enricher = createEnricher({ brands });
      seen.add(JSON.stringify(summary(order.flatMap((raw) => enricher.enrich(raw)))));
    }
    expect([...seen]).toEqual([JSON.stringify(sorted)]);
  });

  it('keeps a reply that names another brand a mention of that brand and a thread reply of the post’s brand', () => {
    const enricher = createEnricher({ brands });
    const answer = mention('c4', 'Globex makes a sturdier one', { parentId: 'p1' });
    const out = [answer, post].flatMap((raw) => enricher.enrich(raw));
    expect(summary(out)).toEqual(['rss:c4 acme thread_reply rss:p1', 'rss:c4 globex mention rss:c4', 'rss:p1 acme mention rss:p1']);
  });

  it("follows a chain of replies naming another brand into the post's brands whatever the order (the blog e2e's comment-5)", () => {
    // The post names both brands; a comment names Globex only; a reply to that comment names Globex
    // only. Read comment, reply, post: the reply found its parent in Globex's conversation, but the
    // parent was itself waiting for the post, so the reply must still follow it into Acme's.
    const both = mention('p2', 'Acme or Globex: which blender to buy this year', { url: 'https://blog.example/blenders' });
    const onPost = mention('k3', 'Globex every time, mine is ten years old', { parentId: 'p2' });
    const onComment = mention('k5', 'Globex lids crack though, mine did', { parentId: 'k3' });
    const records = [both, onPost, onComment];
    const expected = [
      'rss:k3 acme thread_reply rss:p2',
      'rss:k3 globex mention',
      'rss:k5 acme thread_reply rss:p2',
      'rss:k5 globex mention',
      'rss:p2 acme mention',
      'rss:p2 globex mention',
    ];
    // A matched reply read before its parent starts its own thread (documented): compare thread
    // ids of thread replies only.
    const roles = (out: readonly EnrichedMention[]) =>
      out.map((m) => `${m.id} ${m.brandId} ${m.role}${m.role === 'thread_reply' ? ` ${m.threadId}` : ''}${m.isDuplicate ? ' duplicate' : ''}`).sort();
    for (const order of permutations(records)) {
      const enricher = createEnricher({ brands });
      const ids = order.map((m) => m.sourceId).join(',');
      expect([ids, roles(order.flatMap((raw, i) => enricher.enrich(raw, `0:${i}`)))]).toEqual([ids, expected]);
      // Each record read again from the same origin (an aborted transaction) gives what it gave.
      const again = createEnricher({ brands });
      const first = order.map((raw, i) => roles(again.enrich(raw, `0:${i}`)));
      const replayed = order.map((raw, i) => roles(again.enrich(raw, `0:${i}`)));
      expect([ids, replayed]).toEqual([ids, first]);
    }
  });

  it('emits a waiting reply again when the record that attached it is read again from the same origin, not when it is re-sent', () => {
    const enricher = createEnricher({ brands });
    expect(enricher.enrich(comment, '0:1')).toEqual([]);
    expect(enricher.threadStats).toEqual({ waitingReplies: 1, forgottenReplies: 0 });
    expect(summary(enricher.enrich(post, '1:1'))).toEqual(['rss:c1 acme thread_reply rss:p1', 'rss:p1 acme mention rss:p1']);
    // The same record again (its transaction was aborted): the same output.
    expect(summary(enricher.enrich(post, '1:1'))).toEqual(['rss:c1 acme thread_reply rss:p1', 'rss:p1 acme mention rss:p1']);
    // A re-send of the post from another offset: a duplicate, and the comment is not taken twice.
    expect(summary(enricher.enrich(post, '1:2'))).toEqual(['rss:p1 acme mention rss:p1 duplicate']);
    // The comment's own record read again: it waited when first read, so it joins nothing now.
    expect(enricher.enrich(comment, '0:1')).toEqual([]);
    // The comment re-sent: a duplicate of itself in the thread it joined.
    expect(summary(enricher.enrich(comment, '0:2'))).toEqual(['rss:c1 acme thread_reply rss:p1 duplicate']);
  });

  it('marks the second of two copied comments in a thread a duplicate of the first, whether they were read before the post or after', () => {
    const text = 'Same here, my skates went through a wall last week but they still roll perfectly fine on sand';
    const first = mention('c5', text, { parentId: 'p1' });
    const copy = mention('c6', `${text}, amazing stuff`, { parentId: 'p1' });
    for (const order of [
      [first, copy, post],
      [first, post, copy],
      [post, first, copy],
    ]) {
      const enricher = createEnricher({ brands });
      expect(summary(order.flatMap((raw) => enricher.enrich(raw)))).toEqual([
        'rss:c5 acme thread_reply rss:p1',
        'rss:c6 acme thread_reply rss:p1 duplicate',
        'rss:p1 acme mention rss:p1',
      ]);
    }
  });

  it("does not take a comment for its post because its URL is the post's with a fragment", () => {
    const enricher = createEnricher({ brands });
    const page = 'https://blog.example/acme-blender/';
    // As a WordPress comment feed gives them: the parent is the post's link, the comment's own link that plus a fragment.
    const comments = [1, 2, 3].map((n) => mention(`k${n}`, `Comment number ${n} on the review`, { parentId: page, url: `${page}#comment-${n}` }));
    // Read before the post, each comment waits; the post takes each once (this looped before).
    for (const comment of comments) expect(enricher.enrich(comment, `0:${comment.sourceId}`)).toEqual([]);
    const out = enricher.enrich({ ...post, url: page }, '1:1');
    expect(summary(out)).toEqual(['rss:k1 acme thread_reply rss:p1', 'rss:k2 acme thread_reply rss:p1', 'rss:k3 acme thread_reply rss:p1', 'rss:p1 acme mention rss:p1']);
    // A microblog reply naming the page by URL answers the post, not a comment.
    expect(summary(enricher.enrich(crossSource, '2:1'))).toEqual(['mastodon:m1 acme thread_reply rss:p1']);
  });

  it('forgets the oldest waiting replies past the capacity and counts them', () => {
    const enricher = createEnricher({ brands, options: { threadWaitingCapacity: 2 } });
    const replies = [1, 2, 3].map((n) => mention(`r${n}`, `Reply number ${n} to the post`, { parentId: 'p1' }));
    for (const reply of replies) expect(enricher.enrich(reply)).toEqual([]);
    expect(enricher.threadStats).toEqual({ waitingReplies: 2, forgottenReplies: 1 });
    expect(summary(enricher.enrich(post))).toEqual(['rss:p1 acme mention rss:p1', 'rss:r2 acme thread_reply rss:p1', 'rss:r3 acme thread_reply rss:p1']);
  });
});
