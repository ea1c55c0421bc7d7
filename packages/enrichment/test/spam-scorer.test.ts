import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainSpamModel } from '../scripts/train-spam-model.ts';
import { parseCsv, readVideos, TRAIN_VIDEOS, YOUTUBE_SPAM_DIR } from '../scripts/youtube-spam-data.ts';
import {
  createEnricher,
  plainCommentText,
  SPAM_REASONS,
  SpamModel,
  type SpamReasonCode,
  scoreComment,
  shippedSpamModel,
} from '../src/index.ts';
import { commentFeatures, type FeatureConfig, featureBuffer } from '../src/spam/spam-features.ts';
import { readCommentText } from '../src/spam/score-comment.ts';
import { commentShape, textSignals } from '../src/spam/text-signals.ts';
import { brand, mention } from './fixtures.ts';

const THRESHOLD = 0.7;
const reasonsOf = (text: string, author: string | null = null) => textSignals(plainCommentText(text), author);

describe('plainCommentText', () => {
  it('drops markup, keeps the address of a link the author dropped, decodes entities and the trailing U+FEFF', () => {
    expect(plainCommentText('I&#39;m new<br />check <a href="http://spam.example/x">this</a>\uFEFF')).toBe(
      "i'm new check this http://spam.example/x ",
    );
    // A hashtag search and a time stamp in the same video are links the site made, not the author.
    expect(plainCommentText('<a class="ot-hashtag" href="https://plus.google.com/s/%23music">#music</a>')).toBe(' #music ');
    expect(plainCommentText('<a href="http://www.youtube.com/watch?v=KQ6&amp;t=2m19s">2:19</a> best part')).toBe(' 2:19 best part');
    // Runs of white space are one space, so phrase rules match across line breaks.
    expect(plainCommentText('Install or update\n  your version')).toBe('install or update your version');
  });

  it('finds a word spelt out letter by letter anywhere, the end of the text included, and leaves single spaces alone', () => {
    expect(plainCommentText('visit my channel s u b s')).toBe('visit my channel subs');
    expect(plainCommentText('s.u.b.s\uFEFF')).toBe('subs');
    // Three letters are no spelt-out word; a letter glued to a word is no start of one.
    expect(plainCommentText('a b c is easy')).toBe('a b c is easy');
    expect(plainCommentText('xa b c d')).toBe('xa b c d');
    // A U+FEFF inside the text goes too, and a tab or a no-break space pair is one space.
    expect(plainCommentText('so\uFEFF good\tsong\u00a0\u00a0ok')).toBe('so good song ok');
    expect(plainCommentText('one\u00a0two')).toBe('one\u00a0two');
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
    ['praise_link', 'I found this post very helpful, thanks', 'Best Cheap Essays', 'I found this post very helpful, thanks', 'Maria Lopez'],
    ['service_pitch', 'Hey admin, I noticed your site has some SEO issues, I can fix them', null, 'Our SEO team at Acme is hiring', null],
    ['service_pitch', 'We offer loans at 2% interest to anyone', null, 'The bank would not give me a loan for the Acme van', null],
    ['contact_offer', 'Email me at deals4u@mail.example for the price list', null, 'I emailed support@acme.example twice, no answer', null],
    ['selling_engagement', 'Get 10k real Instagram followers in 24 hours', null, 'I got 10k Instagram followers after my Acme post', null],
    [
      'content_plug',
      'Check out this video on YouTube: http://www.youtube.com/watch?v=abc123',
      null,
      'Check out the new Acme blender, it is quiet',
      null,
    ],
    ['content_plug', 'Search "Dizzy X - Got the Juice" on YouTube, thanks', null, 'I searched for the Acme manual for an hour', null],
    [
      'vote_or_fund',
      'Please help my family pay for the surgery https://www.gofundme.com/help-anna',
      null,
      '@acme please help me, my order 12345 never arrived',
      null,
    ],
    ['vote_or_fund', 'Please vote for me in the model contest!', null, 'I voted for Acme in the readers awards, they deserve it', null],
    [
      'self_promotion',
      "I'm a new youtuber and I did a cover of this song",
      null,
      'Reviewing the grinder for my channel next week, first impressions are very strong',
      null,
    ],
    [
      'own_work',
      'There is one video on my channel about my brother...',
      null,
      'Reviewing the grinder for my channel next week, first impressions are very strong',
      null,
    ],
    ['own_work', 'my new song is out, it took me a month to record', null, 'Spotify lost my playlist again and all my music', null],
    [
      'promo_link',
      'the best song ever http://gems.example/?ref=k81xQ',
      null,
      'the review is here https://news3.example/acme-review?page=2',
      null,
    ],
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

  it('lists reasons in catalogue order', () => {
    const reasons = reasonsOf('Vote for me and subscribe to my channel: free gift cards at http://x.example, WhatsApp me', 'cheap deals');
    expect(reasons).toEqual(['promo_link', 'self_promotion', 'vote_or_fund', 'contact_offer', 'keyword_author']);
    expect(reasons).toEqual(Object.keys(SPAM_REASONS).filter((code) => reasons.includes(code as SpamReasonCode)));
  });

  it('gives the same reasons with its word gates as without them', () => {
    // commentShape's `triggers` let a rule skip texts without its words; all bits set opens every gate.
    const texts = [
      ...readTrainingComments(),
      'Buy 5k real followers for $20 at https://fastfans.example',
      'earn $50 a day from home',
      'I #votekatyperry for the awards',
      'we donated to the fundraiser, please donate too',
      'add me on whats app +44 7700 900123',
      'telegram me for cheap iphones',
      'Suscríbete a mi canal por favor',
      'Inscreva-se no meu canal',
      'vejam meu novo vídeo',
      'I make my own music',
      "I'm a small youtuber",
      'I know you will scroll past this',
      'Hey admin, your site has SEO issues, email me at fix@seo.example',
      'We offer loans at 2% interest',
      'Get 10k real Instagram followers',
      'we write your paper overnight',
      'we are small musicians from Lyon',
      'sub4sub anyone?',
      'like 4 like',
      'follow for follow',
      'check me out',
      'Please subscribe',
      "who's still watching in 2015?",
      'anyone listening in 2016',
      'thumbs up if you agree',
      'comment and subscribe',
      'look up "Dizzy X" on spotify',
      'it would mean a lot',
      'take a second to listen',
      'come and see my art',
      'there is one video on my channel about my brother',
      'my new song is out, it took me a month',
      'unboxing the blender on my channel tonight',
      'download it now',
      'free downloads here',
      // Words inside links open the gates too.
      'please sign www.change.org/petitions/save-the-bees',
      'http://kik.me/whatsapp-contact-me 07700900123',
      'more at http://example.com/buy-cheap-followers-now',
      'https://sub4sub.example/subscribe-to-my-channel',
      'https://youtu.be/x?list=vote-for-me-daily',
    ];
    for (const text of texts) {
      const plain = plainCommentText(text);
      const shape = commentShape(plain, text);
      expect(textSignals(plain, null, shape), text).toEqual(textSignals(plain, null, { ...shape, triggers: -1 }));
    }
  });

  it('every reason has text a person can read', () => {
    for (const text of Object.values(SPAM_REASONS)) expect(text.length).toBeGreaterThan(10);
  });

  it('counts links apart from words and hashtags', () => {
    expect(commentShape(plainCommentText('see www.acme.example and acme.com/x #a #b'))).toMatchObject({ links: 2, words: 4, hashtags: 2 });
  });

  it("reads the words inside links for the rules' gates, and only there", () => {
    const shape = commentShape(plainCommentText('we all should sign it today www.change.org/petitions/save-the-bees'));
    // Inside the link "petitions" opens the vote rule's gate (4) and "www" the address one (1024);
    // the words outside open none, and the link's words do not make the text look disguised.
    expect([shape.triggers, shape.linkTriggers, shape.mayBeDisguised]).toEqual([0, 4 + 1024, false]);
    expect(reasonsOf('we all should sign it today www.change.org/petitions/save-the-bees')).toEqual(['vote_or_fund']);
  });
});

describe('scoreComment', () => {
  const spam = [
    'Check out my channel for daily Minecraft videos, subscribe to me and I will sub back!',
    'Get free gift cards and PayPal money today, it really works',
    'Great post, thanks for sharing! http://cheap-seo.example',
    'http://binbox.io/1FIRo#123',
    'Buy 1000 followers cheap at http://spam.example today!!!',
    'Check out this video on YouTube: http://www.youtube.com/watch?v=abc123',
    'Please help my family pay for the surgery https://www.gofundme.com/help-anna',
    "I'm a new youtuber, I did a cover of this song, would really appreciate if you check it out",
    'Follow me on Twitter @mscalifornia95',
  ];
  const ordinary = [
    'Same here, my skates went through a wall last week but they still roll perfectly fine on sand',
    'I am watching the Acme keynote right now, the new blender looks great',
    'Great post about the Acme blender, the part about the motor matched my experience exactly',
    'Acme opened store number 3 in the city centre today, the queue went round the block https://news3.example/a',
    'Acme or Globex? I switched from Globex to Acme last year and I am happy',
    '@acme please help me, my order 12345 never arrived and support does not answer',
    'I voted for Acme in the readers awards, they deserve it',
    // What a video site's share button writes.
    'Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8',
  ];

  it('puts comment spam at or above the default threshold and ordinary comments well below', () => {
    for (const text of spam) expect(scoreComment({ text }).score, text).toBeGreaterThanOrEqual(THRESHOLD);
    for (const text of ordinary) expect(scoreComment({ text }).score, text).toBeLessThan(0.25);
  });

  it('names what each spam example does', () => {
    const reasons = (text: string) => scoreComment({ text }).reasons;
    expect(reasons('Check out this video on YouTube: http://www.youtube.com/watch?v=abc123')).toEqual(['content_plug']);
    expect(reasons('Please help my family pay for the surgery https://www.gofundme.com/help-anna')).toEqual(['vote_or_fund']);
    expect(reasons('Follow me on Twitter @mscalifornia95')).toEqual(['self_promotion']);
    expect(reasons('Get free gift cards and PayPal money today, it really works')).toEqual(['free_offer']);
  });

  it('names a channel owner by wordings the training videos hardly show', () => {
    const reasons = (text: string) => textSignals(plainCommentText(text), null);
    expect(reasons('Hey guys, I make my own music and nobody hears it')).toEqual(['self_promotion']);
    expect(reasons("I'm a small youtuber trying to grow")).toEqual(['self_promotion']);
    expect(reasons('I know most of you will scroll past this comment but')).toEqual(['self_promotion']);
    expect(reasons("Please don't skip this, it took me a week")).toEqual(['self_promotion']);
    expect(reasons('Suscríbete a mi canal por favor')).toEqual(['self_promotion']);
    expect(reasons('pasen por mi canal y suscribanse')).toEqual(['self_promotion']);
    expect(reasons('Inscreva-se no meu canal')).toEqual(['self_promotion']);
    expect(reasons('Abonnez-vous à ma chaîne')).toEqual(['self_promotion']);
    expect(reasons('El canal de Panamá es enorme')).toEqual([]);
    // Talk about videos is no channel plug.
    expect(reasons('They make great videos about anvils')).toEqual([]);
    expect(reasons('I watched the new videos twice')).toEqual([]);
  });

  it("leaves a well-followed reviewer's product post about their channel far below the threshold", () => {
    // The chaos test's probe: an influencer's mention must raise an alert, not be hidden as spam.
    const probe = scoreComment({
      text: 'acme: Reviewing the grinder for my channel next week, first impressions are very strong',
      author: 'famous17',
    });
    // Well under the threshold (the prior shift towards spam, train-spam-model.ts, lifts every score a little).
    expect(probe.reasons).toEqual([]);
    expect(probe.score).toBeLessThan(0.4);
    expect(scoreComment({ text: 'Unboxing the Acme blender on my channel tonight, full review on Friday' }).score).toBeLessThan(0.4);
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
    expect(shippedSpamModel().config).toEqual({
      bits: 16,
      charGrams: [4],
      wordPairs: false,
      normalise: true,
      normaliseKnown: true,
      richShape: true,
    });
  });
});

/** The training videos' comments when ../shared/data is there (it is not part of the repository). */
function readTrainingComments(): string[] {
  if (!existsSync(YOUTUBE_SPAM_DIR)) return [];
  return readVideos(TRAIN_VIDEOS).map((c) => c.text);
}

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
    // Caught at the default threshold by that alone: 1 - (1 - model) * (1 - 0.75).
    expect(pasted?.spamScore).toBeGreaterThanOrEqual(0.75);
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

describe('commentFeatures', () => {
  const count = (text: string, config: FeatureConfig) => {
    const plain = plainCommentText(text);
    const shape = commentShape(plain, text);
    const out = featureBuffer(256);
    commentFeatures(shape, textSignals(plain, null, shape), config, out);
    return [out.textCount, out.count - out.textCount];
  };
  const config: FeatureConfig = { bits: 16, charGrams: [4], wordPairs: false, normalise: true, richShape: true };

  it('writes words and character 4-grams as text features, word pairs only when asked', () => {
    // "big red dog": 3 words and 8 character 4-grams (11 characters); fixed: its length bucket, no
    // link, the bias. With pairs, 2 more.
    expect(count('Big red dog', config)).toEqual([11, 3]);
    expect(count('Big red dog', { ...config, wordPairs: true })).toEqual([13, 3]);
  });

  it('adds one hashtag feature only with hashtagShape and only when the text has hashtags', () => {
    // "#" is no word character but is in the 4-grams: 9 of them, and 3 words.
    expect(count('big #red dog', { ...config, hashtagShape: true })).toEqual([12, 4]);
    expect(count('big #red dog', config)).toEqual([12, 3]);
    expect(count('big red dog', { ...config, hashtagShape: true })).toEqual([11, 3]);
  });
});

describe('SpamModel with normaliseKnown', () => {
  // One weight, for the word "subscribe": the other words of a comment are unknown to the model.
  const config: FeatureConfig = { bits: 16, charGrams: [], wordPairs: false, normalise: true, richShape: false };
  const wordIndex = (word: string) => {
    const out = featureBuffer(256);
    commentFeatures(commentShape(word), [], config, out);
    return out.indexes[0] as number;
  };
  const model = (normaliseKnown: boolean) =>
    new SpamModel({
      format: 'hashed-logistic-regression/4',
      config: { ...config, normaliseKnown },
      bias: 0,
      indexes: [wordIndex('subscribe')],
      weights: [2],
      training: {},
    });
  const logit = (text: string, normaliseKnown: boolean) => {
    const p = readCommentText({ text }, model(normaliseKnown)).modelScore;
    return Math.log(p / (1 - p));
  };

  it('divides the words it knows by the square root of their count only, so unknown words water nothing down', () => {
    expect(logit('subscribe', true)).toBeCloseTo(2, 9);
    expect(logit('subscribe zzzq qqxw', true)).toBeCloseTo(2, 9);
    // Without it, three words share the one weight.
    expect(logit('subscribe zzzq qqxw', false)).toBeCloseTo(2 / Math.sqrt(3), 9);
  });

  it('is written as format /4, which an older reader refuses', () => {
    const csv = 'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n1,a,,subscribe to me,1\n2,b,,love this song,0\n';
    const comments = parseCsv(csv)
      .slice(1)
      .map(([id, author, , text, label]) => ({ video: 't', id: id ?? '', author: author ?? '', text: text ?? '', spam: label === '1' }));
    const options = { iterations: 5, l2: 1e-3, learningRate: 0.3 };
    expect(trainSpamModel(comments, { ...config, normaliseKnown: true }, options).format).toBe('hashed-logistic-regression/4');
    expect(trainSpamModel(comments, config, options).format).toBe('hashed-logistic-regression/2');
    expect(() => new SpamModel({ ...model(true), format: 'hashed-logistic-regression/5' } as never)).toThrow(/unknown spam model format/);
  });
});
