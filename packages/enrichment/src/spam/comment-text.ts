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

export function plainCommentText(text: string): string {
  if (!MARKUP.test(text)) return (SPACES.test(text) ? text.replace(/\s+/g, ' ') : text).toLowerCase();
  // Each pass only when its character is there: most texts carry only the trailing U+FEFF.
  let plain = text;
  if (plain.includes('<'))
    plain = plain.replace(ANCHOR, (_, href: string, inner: string) => ` ${anchorText(href, inner)} `).replace(TAG, ' ');
  if (plain.includes('&')) plain = plain.replace(ENTITY, decodeEntity);
  if (plain.includes('\uFEFF')) plain = plain.replace(/\uFEFF/g, '');
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
