// The connectors' own parsing: HTML to text, dates, handles, and thread links in comment feeds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commentParent, fullHandle, htmlToText, parseFeed, parseFeedDate } from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, drops tags, decodes entities', () => {
    const mastodon =
      '<p>Trying the new <a href="https://m.example/tags/acme" class="mention hashtag" rel="tag">#<span>acme</span></a> skates.</p><p>Wish me luck &amp; send&nbsp;help<br />now &#8230; &#x1F680;</p>';
    expect(htmlToText(mastodon)).toBe('Trying the new #acme skates.\n\nWish me luck & send help\nnow … 🚀');
  });

  it('drops scripts, styles and comments, and leaves unknown entities alone', () => {
    expect(htmlToText('<style>p{}</style><script>alert(1)</script><!-- x -->A &bogus; B &lt;3')).toBe('A &bogus; B <3');
  });
});

describe('parseFeedDate', () => {
  it('reads RFC 822 and RFC 3339 into UTC ISO', () => {
    expect(parseFeedDate('Mon, 24 Nov 2025 09:30:00 +0000')).toBe('2025-11-24T09:30:00.000Z');
    expect(parseFeedDate('Tue, 25 Nov 2025 07:15:00 GMT')).toBe('2025-11-25T07:15:00.000Z');
    expect(parseFeedDate('Tue, 25 Nov 2025 07:15:00 UT')).toBe('2025-11-25T07:15:00.000Z');
    expect(parseFeedDate('Mon, 24 Nov 2025 04:30:00 EST')).toBe('2025-11-24T09:30:00.000Z');
    expect(parseFeedDate('2025-11-24T12:30:00+01:00')).toBe('2025-11-24T11:30:00.000Z');
  });

  it('reads a zone-less ISO date-time as UTC, not local time', () => {
    expect(parseFeedDate('2025-11-24T09:30:00')).toBe('2025-11-24T09:30:00.000Z');
  });

  it('gives undefined for what is not a date', () => {
    expect(parseFeedDate('sometime last week')).toBeUndefined();
    expect(parseFeedDate('')).toBeUndefined();
    expect(parseFeedDate(undefined)).toBeUndefined();
  });
});

describe('comment threads', () => {
  it('links WordPress RSS comments to their post by guid', () => {
    const feed = parseFeed(fixture('blog-comments.rss.xml'));
    expect(feed.entries.map((e) => [e.id, e.parentId])).toEqual([
      ['https://blog.example.org/?p=101#comment-5', 'https://blog.example.org/?p=101'],
      ['https://blog.example.org/?p=101#comment-6', 'https://blog.example.org/?p=101'],
      ['https://blog.example.org/?p=102#comment-7', 'https://blog.example.org/?p=102'],
    ]);
  });

  it('links Atom comments with thr:in-reply-to, replies to comments included', () => {
    const feed = parseFeed(fixture('blog-comments.atom.xml'));
    expect(feed.format).toBe('atom');
    expect(feed.lang).toBe('en-GB');
    expect(feed.entries.map((e) => [e.id, e.parentId])).toEqual([
      ['https://blog.example.org/?p=101#comment-8', 'https://blog.example.org/?p=101'],
      ['https://blog.example.org/?p=101#comment-9', 'https://blog.example.org/?p=101#comment-8'],
      ['https://blog.example.org/?p=101#comment-10', 'https://blog.example.org/?p=101'],
    ]);
    expect(feed.entries[0]?.text).toBe('Did you try the brakes?');
    expect(feed.entries[2]?.text).toBe("That's all folks, Acme forever.");
  });

  it('reads posts: content:encoded over description, dc:creator, slash:comments, no parent', () => {
    const [first, second] = parseFeed(fixture('blog-posts.rss.xml')).entries;
    expect(first).toMatchObject({
      id: 'https://blog.example.org/?p=101',
      url: 'https://blog.example.org/2025/11/acme-rocket-skates/',
      author: 'Wile E.',
      replies: 3,
      parentId: undefined,
      text: 'The Acme rocket skates are fast.\n\nToo fast & the brakes are an afterthought.',
    });
    expect(second?.text).toBe('Acme support never answered. Globex did, in an hour.');
  });

  it('finds the post of a comment link when there is no guid', () => {
    expect(commentParent('https://blog.example.org/2025/11/acme/#comment-12')).toBe('https://blog.example.org/2025/11/acme/');
    expect(commentParent('https://blog.example.org/2025/11/acme/')).toBeUndefined();
  });

  it('refuses a document that is not a feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(/not an RSS 2.0 or Atom feed/);
  });
});

describe('fullHandle', () => {
  it('qualifies local Mastodon accounts with their server', () => {
    expect(fullHandle('wile', 'mastodon.example')).toBe('wile@mastodon.example');
    expect(fullHandle('rr@other.example', 'mastodon.example')).toBe('rr@other.example');
  });
});
