// Terms and hashtags skip normalization and patterns that cannot change a text; these texts take
// every slow path (compatibility forms, case-folded URLs, handles and hashtags, curly apostrophes,
// numerals that are letters) and must give what the full pipeline of steps gives.
import { describe, expect, it } from 'vitest';
import { hashtagsOf, termsAndHashtagsOf, termsOf } from '../src/top-terms.ts';

const cases: Array<[string, string[], string[]]> = [
  ['Check HTTPS://Example.COM/Path and www.Foo.org/x — ＡＰＰＬＥ’s ｉＰｈｏｎｅ rocks', ["apple's", 'check', 'iphone', 'rocks'], []],
  ['@Apple: why is #iPhone4S “so” good? don’t ask; it’s 2011 and 42 is 4２', ['ask', "don't", "it's", 'why'], ['#iphone4s']],
  ['café Ǆemal ﬁne ＃ﬁrst ＠ｈａｎｄｌｅ Ⅻ ⅻabc 12345 abc123 １２３', ['abc123', 'café', 'džemal', 'fine', 'xii', 'xiiabc'], ['#first']],
  ['mail me at x@y.com #2011 #a_b #_ #ünïcode &#39;s', ['mail'], ['#a_b', '#ünïcode']],
  ["Don't stop, it's the ſtate of httpſ://thing ok", ["don't", "it's", 'state', 'stop'], []],
  ['plain ascii words only (a stopword), 2011 and 12345', ['ascii', 'plain', 'stopword', 'words'], []],
  ['', [], []],
];

describe('termsOf and hashtagsOf', () => {
  it.each(cases)('%s', (text, terms, hashtags) => {
    expect([...termsOf(text)].sort()).toEqual(terms);
    expect([...hashtagsOf(text)].sort()).toEqual(hashtags);
    const both = termsAndHashtagsOf(text);
    expect([[...both.terms].sort(), [...both.hashtags].sort()]).toEqual([terms, hashtags]);
  });
});
