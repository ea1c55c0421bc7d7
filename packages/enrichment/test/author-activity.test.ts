import { describe, expect, it } from 'vitest';
import { AUTHOR_WINDOW, AuthorActivity } from '../src/spam/author-activity.ts';

describe('AuthorActivity', () => {
  it('calls an author a broadcaster after 5 posts that all had links and none a reply, within the last 20', () => {
    const authors = new AuthorActivity(10);
    const verdicts = (hasLink: boolean, isReply: boolean, times: number) =>
      Array.from({ length: times }, () => authors.record('a', hasLink, isReply).broadcastOnly);
    expect(verdicts(true, false, 5)).toEqual([false, false, false, false, true]);
    // A reply keeps the author from being one until it leaves the window, 20 posts later.
    expect(verdicts(true, true, 1)).toEqual([false]);
    const after = verdicts(true, false, AUTHOR_WINDOW);
    expect([after.indexOf(true), after.at(-1)]).toEqual([AUTHOR_WINDOW - 1, true]);
    // A post without a link does the same.
    expect(verdicts(false, false, 1)).toEqual([false]);
    expect(verdicts(true, false, AUTHOR_WINDOW).indexOf(true)).toBe(AUTHOR_WINDOW - 1);
  });

  it('forgets the least recently seen author past its capacity', () => {
    const authors = new AuthorActivity(2);
    for (let i = 0; i < 4; i++) authors.record('a', true, false);
    authors.record('b', true, false);
    authors.record('c', true, false);
    // a was forgotten when c came: its fifth post is its first again.
    expect(authors.record('a', true, false).broadcastOnly).toBe(false);
  });
});
