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

/**
 * ECMAScript's \s (white space and line terminators), as a test on one code unit: the scans below
 * ask it of every character, which is cheaper than a regular expression's search for a rare hit.
 */
function isSpace(code: number): boolean {
  if (code < 0xa0) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether the text has a run of two white spaces or a tab or line break (/\s{2,}|[\t\n\r\f\v]/). */
function hasLooseSpace(text: string): boolean {
  let previous = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 9 && code <= 13) return true;
    const space = isSpace(code);
    if (space && previous) return true;
    previous = space;
  }
  return false;
}
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
const isAsciiLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
/** The regular expression's \w: ASCII letters, digits and "_". */
const isAsciiWord = (code: number) => isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 95;
/** The separators of a spelt-out word: space . * _ - */
const isSeparator = (code: number) => code === 32 || code === 46 || code === 42 || code === 95 || code === 45;

/**
 * /\b[a-z][ .*_-][a-z][ .*_-][a-z][ .*_-][a-z]\b/i. A separator must follow the first letter, and in
 * most text a letter follows a letter: that test comes first, so most positions cost one read.
 */
function hasSpacedHint(text: string): boolean {
  const end = text.length - 6;
  for (let i = 0; i < end; i++) {
    if (!isSeparator(text.charCodeAt(i + 1))) continue;
    if (!isAsciiLetter(text.charCodeAt(i)) || (i > 0 && isAsciiWord(text.charCodeAt(i - 1)))) continue;
    if (
      isAsciiLetter(text.charCodeAt(i + 2)) &&
      isSeparator(text.charCodeAt(i + 3)) &&
      isAsciiLetter(text.charCodeAt(i + 4)) &&
      isSeparator(text.charCodeAt(i + 5)) &&
      isAsciiLetter(text.charCodeAt(i + 6)) &&
      (i + 7 === text.length || !isAsciiWord(text.charCodeAt(i + 7)))
    )
      return true;
  }
  return false;
}

const joinSpacedLetters = (text: string) =>
  hasSpacedHint(text) && SPACED_LETTERS.test(text)
    ? text.replace(SPACED_RUN, (run: string, separator: string) => run.split(separator).join(''))
    : text;

export function plainCommentText(text: string): string {
  if (!MARKUP.test(text)) {
    const joined = joinSpacedLetters(text);
    return (hasLooseSpace(joined) ? joined.replace(/\s+/g, ' ') : joined).toLowerCase();
  }
  // Each pass only when its character is there: most texts carry only the trailing U+FEFF.
  let plain = text;
  if (plain.includes('<'))
    plain = plain.replace(ANCHOR, (_, href: string, inner: string) => ` ${anchorText(href, inner)} `).replace(TAG, ' ');
  if (plain.includes('&')) plain = plain.replace(ENTITY, decodeEntity);
  // Most exports leave one, at the end: a slice, not a search and replace.
  const mark = plain.indexOf('\uFEFF');
  if (mark === plain.length - 1) plain = plain.slice(0, -1);
  else if (mark >= 0) plain = plain.replace(/\uFEFF/g, '');
  plain = joinSpacedLetters(plain);
  if (hasLooseSpace(plain)) plain = plain.replace(/\s+/g, ' ');
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
