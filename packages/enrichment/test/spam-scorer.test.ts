import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainSpamModel } from '../scripts/train-spam-model.ts';
import { parseCsv } from '../scripts/youtube-spam-data.ts';
import { createEnricher, plainCommentText, SPAM_REASONS, scoreComment, shippedSpamModel, SpamModel } from '../src/index.ts';
import { commentShape, textSignals } from '../src/spam/text-signals.ts';
import { brand, mention } from './fixtures.ts';

const THRESHOLD = 0.7;
const reasonsOf = (text: string, author: string | null = null) => textSignals(plainCommentText(text), author);

describe('plainCommentText', () => {
  it('drops markup, keeps the address of a link the author dropped, decodes entities and the trailing U+FEFF', () => {
    expect(plainCommentText('I&#39;m new<br />check <a href="http://spam.example/x">this</a>\uFEFF')).toBe(
      "i'm new check  this http://spam.example/x ",
    );
    // A hashtag search and a time stamp in the same video are links the site made, not the author.
    expect(plainCommentText('<a class="ot-hashtag" href="https://plus.google.com/s/%23music">#music</a>')).toBe(' #music ');
    expect(plainCommentText('<a href="http://www.youtube.com/watch?v=KQ6&amp;t=2m19s">2:19</a> best part')).toBe(' 2:19  best part');
  });
});

describe('text reasons', () => {
  // Each reason: a realistic comment that fires it, and an ordinary one close to it that does not.
  const cases: Array<[string, string, string | null, string, string | null]> = [
    [
      'link_selling',
      'Get 5k real followers for $20 only at https://fastfans.example/123',
      null,
      'I got 5 new followers after posting my Acme review',
      null,
    ],
    ['selling_engagement', 'Buy cheap Instagram likes and views, 1000 in one hour', null, 'my daughter likes a lot of your songs', null],
    ['promo_link', 'Use promo code SAVE20 at https://mega-deals.example today', null, 'The Acme promo in the shop window was funny', null],
    ['free_offer', 'Get free gift cards and PayPal money today, it really works', null, 'Thanks for the free delivery, Acme', null],
    [
      'self_promotion',
      'Check out my channel for daily Minecraft videos, subscribe to me!',
      null,
      'Check out the new Acme blender, it is quiet',
      null,
    ],
    ['engagement_bait', 'Thumbs up if you are watching this in 2015!', null, 'I gave it a thumbs up, great video', null],
    ['contact_offer', 'Contact me on WhatsApp +234 803 555 0199 for cheap phones', null, 'I waited 40 minutes on the Acme hotline', null],
    [
      'link_only',
      'http://binbox.io/1FIRo#123',
      null,
      'The manual is at https://acme.example/manual if you lost yours, page 12 covers the motor',
      null,
    ],
    [
      'praise_link',
      'Great post, thanks for sharing! http://cheap-seo.example',
      null,
      'Great post, the part about the motor matched my experience',
      null,
    ],
    ['keyword_author', 'Nice article, very informative', 'Cheap SEO Services', 'Nice article, very informative', 'Maria Lopez'],
    [
      'keyword_stuffing',
      'wow #acme #deal #sale #cheap #free #win #promo #gift',
      null,
      'I told my friend about acme and she said acme is fine',
      null,
    ],
  ];
  for (const [code, spam, spamAuthor, ordinary, ordinaryAuthor] of cases) {
    it(`${code}: fires on "${spam.slice(0, 40)}", not on "${ordinary.slice(0, 40)}"`, () => {
      expect(reasonsOf(spam, spamAuthor)).toContain(code);
      expect(reasonsOf(ordinary, ordinaryAuthor)).not.toContain(code);
    });
  }

  it('every reason has text a person can read', () => {
    for (const text of Object.values(SPAM_REASONS)) expect(text.length).toBeGreaterThan(10);
  });

  it('counts links apart from words and hashtags', () => {
    expect(commentShape(plainCommentText('see www.acme.example and acme.com/x #a #b'))).toMatchObject({ links: 2, words: 4, hashtags: 2 });
  });
});

describe('scoreComment', () => {
  const spam = [
    'Check out my channel for daily Minecraft videos, subscribe to me and I will sub back!',
    'Get free gift cards and PayPal money today, it really works',
    'Great post, thanks for sharing! http://cheap-seo.example',
    'http://binbox.io/1FIRo#123',
    'Buy 1000 followers cheap at http://spam.example today!!!',
  ];
  const ordinary = [
    'Same here, my skates went through a wall last week but they still roll perfectly fine on sand',
    'I am watching the Acme keynote right now, the new blender looks great',
    'Great post about the Acme blender, the part about the motor matched my experience exactly',
    'Acme opened store number 3 in the city centre today, the queue went round the block https://news3.example/a',
    'Acme or Globex? I switched from Globex to Acme last year and I am happy',
  ];

  it('puts comment spam at or above the default threshold and ordinary comments well below', () => {
    for (const text of spam) expect(scoreComment({ text }).score, text).toBeGreaterThanOrEqual(THRESHOLD);
    for (const text of ordinary) expect(scoreComment({ text }).score, text).toBeLessThan(0.1);
  });

  it('gives a readable reason with every score at or above the threshold', () => {
    for (const text of spam) expect(scoreComment({ text }).reasons.length, text).toBeGreaterThan(0);
  });

  it('loads the shipped model and scores the same input the same way, to the last digit', () => {
    const text = 'Check out my channel for daily Minecraft videos';
    const first = scoreComment({ text });
    const other = new SpamModel(readShippedFile());
    expect(scoreComment({ text }, other)).toEqual(first);
    expect(scoreComment({ text })).toEqual(first);
    expect(shippedSpamModel().config).toEqual({ bits: 18, charGrams: [4], wordPairs: true });
  });
});

function readShippedFile() {
  return JSON.parse(readFileSync(new URL('../src/spam/spam-model.json', import.meta.url), 'utf8'));
}

describe('trainSpamModel', () => {
  it('gives the same weights for the same data (no random draws)', () => {
    const csv =
      'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n1,a,,"check my channel, subscribe",1\n2,b,,"love this song\nso much",0\n3,c,,http://x.example,1\n4,d,,great video,0\n';
    const rows = parseCsv(csv).slice(1);
    expect(rows[1]).toEqual(['2', 'b', '', 'love this song\nso much', '0']);
    const comments = rows.map(([id, author, , text, label]) => ({
      video: 't',
      id: id ?? '',
      author: author ?? '',
      text: text ?? '',
      spam: label === '1',
    }));
    const options = { iterations: 20, l2: 1e-3, learningRate: 0.3 };
    const a = trainSpamModel(comments, undefined, options);
    expect(trainSpamModel(comments, undefined, options)).toEqual(a);
    const model = new SpamModel(a);
    expect(scoreComment({ text: 'subscribe to my channel' }, model).score).toBeGreaterThan(
      scoreComment({ text: 'love this song' }, model).score,
    );
  });
});

describe('the enricher', () => {
  it("flags a comment that pastes its post's text back, and not an ordinary reply", () => {
    const enricher = createEnricher({ brands: [brand('acme', 'acme')] });
    const post = 'Our Acme rocket skates still work great after three months of daily desert commutes and two repairs';
    expect(enricher.enrich(mention('1', post))[0]?.spamReasons).toEqual([]);
    const pasted = enricher.enrich(mention('2', post, { parentId: '1' }))[0];
    expect(pasted?.spamReasons).toEqual(['pasted_post']);
    const reply = enricher.enrich(
      mention('3', 'My Acme skates lasted two weeks in the desert before the left wheel came off', { parentId: '1' }),
    )[0];
    expect(reply?.spamReasons).toEqual([]);
  });

  it("reads a keyword-named author from the mention's author name and handle", () => {
    const enricher = createEnricher({ brands: [brand('acme', 'acme')] });
    const m = enricher.enrich(
      mention('1', 'Nice article about Acme, very informative', { author: { handle: 'cheap-seo-deals', name: null, followers: null } }),
    )[0];
    expect(m?.spamReasons).toContain('keyword_author');
  });
});
