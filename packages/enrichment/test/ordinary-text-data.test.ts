import { describe, expect, it } from 'vitest';
import { messageOpening, readMailingListOpenings, readReviewSentences } from '../scripts/ordinary-text-data.ts';

describe('messageOpening', () => {
  it("keeps the author's own words: headers, quoted lines, the line introducing them and the signature left out", () => {
    const message = [
      'From: a@example.org',
      'Subject: Re: build fails',
      '',
      'On Tue, Bob wrote:',
      '> it fails on make install',
      '>> older quote',
      'Try   the patch at http://example.org/fix.diff',
      'it worked here.',
      '-- ',
      'Alice, http://alice.example',
    ].join('\r\n');
    expect(messageOpening(message)).toBe('Try the patch at http://example.org/fix.diff it worked here.');
  });

  it('gives null for a part that is not plain text or is encoded, and an empty text for a message with no body', () => {
    expect(messageOpening('Content-Type: text/html; charset=us-ascii\n\n<p>hi</p>')).toBeNull();
    expect(messageOpening('Content-Type: multipart/alternative; boundary="x"\n\n--x')).toBeNull();
    expect(messageOpening('Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8=')).toBeNull();
    expect(messageOpening('Subject: no body')).toBe('');
  });

  it('cuts a long body at the last space within 280 characters', () => {
    const opening = messageOpening(`Subject: long\n\n${'word '.repeat(100)}`);
    expect(opening).toBe(Array.from({ length: 56 }, () => 'word').join(' '));
    expect(opening?.length).toBe(279);
  });
});

describe('the ordinary texts shipped in npm packages', () => {
  it('reads every review sentence once and counts what it skips', () => {
    const { comments, skipped } = readReviewSentences();
    expect(comments.length).toBe(2982);
    expect(skipped).toEqual({ repeated: 18, empty: 3 });
    expect(comments.every((c) => !c.spam && c.text.trim() === c.text && c.text !== '')).toBe(true);
  });

  it('reads the opening of every plain-text ham message and counts the others', () => {
    const { comments, skipped } = readMailingListOpenings();
    expect(comments.length).toBe(3829);
    expect(skipped).toEqual({ 'not plain text': 320, 'no text of its own': 1 });
    expect(comments.every((c) => !c.spam && c.text.length <= 280)).toBe(true);
  });
});
