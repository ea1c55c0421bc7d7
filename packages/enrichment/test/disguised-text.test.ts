import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVideos, TRAIN_VIDEOS, YOUTUBE_SPAM_DIR } from '../scripts/youtube-spam-data.ts';
import { plainCommentText, scoreComment } from '../src/index.ts';
import { revealDisguisedText } from '../src/spam/disguised-text.ts';
import { readComment } from '../src/spam/score-comment.ts';
import { commentShape, textSignals } from '../src/spam/text-signals.ts';

const reveal = (text: string) => revealDisguisedText(plainCommentText(text));

describe('plainCommentText joins letters spelt out one by one', () => {
  it('joins each spaced-out word and keeps the double space between words as one', () => {
    expect(plainCommentText('C h e c k  m y  c h a n n e l  pls')).toBe('check my channel pls');
    expect(plainCommentText('s.u.b.s.c.r.i.b.e now')).toBe('subscribe now');
    expect(plainCommentText('<b>v i s i t</b> us')).toBe(' visit us');
  });

  it('leaves runs of fewer than four single letters and ordinary text alone', () => {
    expect(plainCommentText('u.s.a. rocks')).toBe('u.s.a. rocks');
    expect(plainCommentText('plan b a day late')).toBe('plan b a day late');
    expect(plainCommentText('I am a fan')).toBe('i am a fan');
  });
});

describe('revealDisguisedText', () => {
  it('folds lookalike letters from other alphabets inside Latin words, and says so', () => {
    // с, е, а, о are Cyrillic here.
    expect(reveal('сhесk my сhаnnеl')).toEqual({ text: 'check my channel', disguised: true });
    // Greek ο and ν.
    expect(reveal('gοοd mονie')).toEqual({ text: 'good movie', disguised: true });
  });

  it('leaves words wholly in another alphabet alone', () => {
    expect(reveal('Привет всем, это мой канал')).toEqual({ text: 'привет всем, это мой канал', disguised: false });
    expect(reveal('Καλημέρα')).toEqual({ text: 'καλημέρα', disguised: false });
  });

  it('folds full-width and mathematical letters without calling them a disguise', () => {
    expect(reveal('ｃｈｅｃｋ 𝐦𝐲 channel')).toEqual({ text: 'check my channel', disguised: false });
  });

  it('mends web addresses broken up so no link is seen', () => {
    expect(reveal('go to www.youtube. com/watch?v=abc')).toEqual({ text: 'go to www.youtube.com/watch?v=abc', disguised: true });
    expect(reveal('spamsite dot com')).toEqual({ text: 'spamsite.com', disguised: true });
    expect(reveal('free stuff at spamsite. com/free!')).toEqual({ text: 'free stuff at spamsite.com/free!', disguised: true });
    expect(reveal('cheapfans(dot)net')).toEqual({ text: 'cheapfans.net', disguised: true });
    expect(reveal('www. cheapfans.net')).toEqual({ text: 'www.cheapfans.net', disguised: true });
    expect(reveal('vote daily: tv.mtvema.com/vote (delete spaces)')).toEqual({
      text: 'vote daily: tv.mtvema.com/vote (delete spaces)',
      disguised: true,
    });
  });

  it('leaves sentences that only look like broken addresses alone', () => {
    expect(reveal('I love me. me too')).toEqual({ text: 'i love me. me too', disguised: false });
    expect(reveal('We met at the co-op. com is short for company')).toEqual({
      text: 'we met at the co-op. com is short for company',
      disguised: false,
    });
    expect(reveal('Type your name without spaces')).toEqual({ text: 'type your name without spaces', disguised: false });
    expect(reveal('see acme.com for details')).toEqual({ text: 'see acme.com for details', disguised: false });
  });
});

describe('scoreComment reads through disguises', () => {
  it('names the disguise and the ask beneath it', () => {
    expect(scoreComment({ text: 'сhесk оut my сhаnnеl' }).reasons).toEqual(['self_promotion', 'disguised_text']);
    expect(scoreComment({ text: 'C h e c k  o u t  m y  c h a n n e l' }).reasons).toEqual(['self_promotion']);
    const broken = scoreComment({ text: 'free gift cards at cardzone dot com' });
    expect(broken.reasons).toEqual(['promo_link', 'disguised_text']);
    expect(broken.score).toBeGreaterThanOrEqual(0.7);
  });
});

describe('readComment', () => {
  it('reads what revealing every comment would read, though it reveals only those commentShape points at', () => {
    const texts = [
      ...(existsSync(YOUTUBE_SPAM_DIR) ? readVideos(TRAIN_VIDEOS).map((c) => c.text) : []),
      'сhесk my сhаnnеl',
      'ｃｈｅｃｋ 𝐦𝐲 channel',
      'go to www.youtube. com/watch?v=abc',
      'www .cheapfans.net',
      'cheapfans(dot)net',
      'vote daily: tv.mtvema.com/vote (delete spaces)',
    ];
    for (const text of texts) {
      const revealed = revealDisguisedText(plainCommentText(text));
      const shape = commentShape(revealed.text, text, revealed.disguised);
      const read = readComment({ text, author: null });
      expect(read.reasons, text).toEqual(textSignals(revealed.text, null, shape));
      expect(read.shape.rest, text).toBe(shape.rest);
    }
  });
});
