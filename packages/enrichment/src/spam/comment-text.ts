// A comment's text as the spam scorer reads it: HTML gone (a link's address kept, YouTube's hashtag
// links reduced to their text), entities decoded, the byte-order marks some exports leave at the
// end removed, runs of white space made one space (so phrase rules see "install or update your"
// across a line break), lower-case. Connectors usually hand over plain text already; this is cheap for it.
const ANCHOR = /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi;
const TAG = /<\/?[a-z][^>]*>/gi;
const ENTITY = /&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp|#39);/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const MARKUP = /[<&\uFEFF]/;

// A link's own address is what it promotes, except where the site made the link itself: a hashtag
// search or a time stamp in the same video ("2:19 best part") is no link the author dropped.
function anchorText(href: string, inner: string): string {
  if (!/^(?:https?:|www\.)/i.test(href) || /\/s\/%23|[?&](?:amp;)?t=\d/i.test(href)) return inner;
  return /(?:https?:\/\/|www\.)/i.test(inner) ? inner : `${inner} ${href}`;
}

const SPACES = /\s{2,}|[\t\n\r\f\v]/;
// Four or more single letters, each followed by the same one separator ("c h e c k", "s.u.b.s"):
// one word spelt out to slip past word filters. Once a text has such a run, shorter runs are words
// of the same message ("m y"). Joined before runs of white space are made one, so the double space
// between spelt-out words still parts them ("c h e c k  m y" is "check my").
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}([ .*_-])\p{L}(?:\1\p{L}){2,}(?![\p{L}\p{N}])/u;
const SPACED_RUN = /(?<![\p{L}\p{N}])\p{L}([ .*_-])\p{L}(?:\1\p{L})*(?![\p{L}\p{N}])/gu;
/**
 * Four single ASCII letters with one separator: every spaced-out word this module joins in Latin
 * letters has it, and the test is cheap where SPACED_LETTERS (a Unicode expression) is slow to say
 * no. Letters of other alphabets spelt out are left as they are.
 */
const SPACED_HINT = /\b[a-z][ .*_-][a-z][ .*_-][a-z][ .*_-][a-z]\b/i;

const joinSpacedLetters = (text: string) =>
  SPACED_HINT.test(text) && SPACED_LETTERS.test(text)
    ? text.replace(SPACED_RUN, (run: string, separator: string) => run.split(separator).join(''))
    : text;

export function plainCommentText(text: string): string {
  if (!MARKUP.test(text)) {
    const joined = joinSpacedLetters(text);
    return (SPACES.test(joined) ? joined.replace(/\s+/g, ' ') : joined).toLowerCase();
  }
  // Each pass only when its character is there: most texts carry only the trailing U+FEFF.
  let plain = text;
  if (plain.includes('<'))
    plain = plain.replace(ANCHOR, (_, href: string, inner: string) => ` ${anchorText(href, inner)} `).replace(TAG, ' ');
  if (plain.includes('&')) plain = plain.replace(ENTITY, decodeEntity);
  if (plain.includes('\uFEFF')) plain = plain.replace(/\uFEFF/g, '');
  plain = joinSpacedLetters(plain);
  if (SPACES.test(plain)) plain = plain.replace(/\s+/g, ' ');
  return plain.toLowerCase();
}

function decodeEntity(_: string, name: string): string {
  const lower = name.toLowerCase();
  if (lower[0] === '#') {
    const code = lower[1] === 'x' ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
  }
  return NAMED[lower] ?? ' ';
}
