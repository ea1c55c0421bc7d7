// The spam model's input: a comment as hashed feature indexes (the hashing trick), so the model is
// one weight array and a new word costs no vocabulary. Two groups:
// - text features: words and word pairs (links replaced by one token) and character n-grams
//   (catch "subscr1be", "chanel", glued words). With `normalise`, their summed weight is divided
//   by the square root of their count, so a long comment does not pile up evidence word by word;
// - fixed features, counted once whatever the length: the text reasons of text-signals.ts and
//   coarse shape (length, links and what they point to, digit runs, capitals, repeated characters).
// Integer FNV-1a hashing throughout: no strings are built per feature.
import { type CommentShape, isWordCode } from './text-signals.ts';

export interface FeatureConfig {
  /** log2 of the number of weights. */
  bits: number;
  /** Character n-gram lengths (at most 8) over the text with runs of spaces collapsed. */
  charGrams: readonly number[];
  /** Whether adjacent word pairs are features. */
  wordPairs: boolean;
  /** Divide the text features' summed weight by the square root of their count. @default false */
  normalise?: boolean;
  /**
   * With `normalise`, when scoring: divide by the square root of the count of text features the
   * model has a weight for, not of all of them. A word no training text had says nothing either
   * way, so it no longer waters down the words that do say something (a new video's spam is full
   * of words the training never saw). Training is unchanged: there every feature has a weight.
   * @default false
   */
  normaliseKnown?: boolean;
  /** Shape features beyond length, link count and digit runs (see richShape). @default false */
  richShape?: boolean;
  /** Hashtag counts (one, a few, many; with a link or not) as fixed features. @default false */
  hashtagShape?: boolean;
}

/** Where one comment's features are written: `indexes[0, textCount)` text, then fixed up to `count`. */
export interface FeatureBuffer {
  indexes: Int32Array;
  count: number;
  textCount: number;
}

export function featureBuffer(size: number): FeatureBuffer {
  return { indexes: new Int32Array(size), count: 0, textCount: 0 };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// No feature for a link's host name: the training data's hosts (youtube.com in the videos, t.co in
// the tweets) would teach where the data came from, not what spam looks like. Only its kind
// (a video page or anything else) is a feature, with richShape.
const NAMESPACE = { word: 1, pair: 2, char: 4, reason: 5, shape: 6 } as const;

function hashString(seed: number, text: string, from = 0, to = text.length): number {
  let hash = FNV_OFFSET ^ seed;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), FNV_PRIME) >>> 0;
}

/** Hashes of the fixed features, computed once: building their names per comment was measurable. */
const shapeFeature = (name: string) => hashString(NAMESPACE.shape, name);
const SHAPE = {
  words: [
    shapeFeature('words:0'),
    shapeFeature('words:1'),
    shapeFeature('words:2'),
    shapeFeature('words:few'),
    shapeFeature('words:some'),
    shapeFeature('words:many'),
  ],
  links: [shapeFeature('links:0'), shapeFeature('links:1'), shapeFeature('links:2')],
  linkKind: { video: shapeFeature('links:video'), mixed: shapeFeature('links:mixed'), other: shapeFeature('links:other') },
  linkWords: [1, 2].map((links) => ['few', 'some', 'many'].map((words) => shapeFeature(`links:${links}:words:${words}`))),
  capitals: { most: shapeFeature('capitals:most'), many: shapeFeature('capitals:many'), few: shapeFeature('capitals:few') },
  digits: shapeFeature('digits:7+'),
  repeat: shapeFeature('repeat:3+'),
  handle: shapeFeature('handle'),
  titled: shapeFeature('link:titled'),
  hashtags: [0, 1].map((links) => ['1', 'few', 'many'].map((count) => shapeFeature(`hashtags:${count}:links:${links}`))),
  bias: shapeFeature('bias'),
};
const REASON_HASHES = new Map<string, number>();
function reasonHash(code: string): number {
  let hash = REASON_HASHES.get(code);
  if (hash === undefined) {
    hash = hashString(NAMESPACE.reason, code);
    REASON_HASHES.set(code, hash);
  }
  return hash;
}

const charWindow = new Int32Array(8);
// LINK_PLACEHOLDER is the character commentShape puts where a link was (LINK_TOKEN).
const LINK_PLACEHOLDER = String.fromCharCode(1);
const TITLED_LINK = new RegExp(` - [^:${LINK_PLACEHOLDER}]{2,80}:\\s*${LINK_PLACEHOLDER}`);
/** Video pages on the big video sites: a link to one reads differently from a link to a shop. */
const VIDEO_HOST = /^(?:m\.)?(?:youtube\.com|youtu\.be|vimeo\.com)$/;

/**
 * Writes the feature indexes of one comment into `out` (duplicates allowed: a repeated word
 * counts twice). `shape` is commentShape of the plain text; `reasons` its text reasons.
 */
export function commentFeatures(shape: CommentShape, reasons: readonly string[], config: FeatureConfig, out: FeatureBuffer): void {
  const mask = (1 << config.bits) - 1;
  const indexes = out.indexes;
  // Text features stop FIXED_ROOM short of the end, so the fixed ones always fit.
  const capacity = indexes.length - FIXED_ROOM;
  let n = 0;
  const text = shape.rest;
  let digitRun = 0;
  let longestDigits = 0;
  let sameRun = 0;
  let longestSame = 0;
  let previousCode = -1;
  // Words and pairs.
  let words = 0;
  let previous = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code >= 48 && code <= 57) {
      digitRun++;
      if (digitRun > longestDigits) longestDigits = digitRun;
    } else digitRun = 0;
    if (code === previousCode && code !== 32) {
      sameRun++;
      if (sameRun > longestSame) longestSame = sameRun;
    } else sameRun = 1;
    previousCode = code;
    if (i < text.length && isWordCode(code)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const word = hashString(NAMESPACE.word, text, start, i);
      if (n < capacity) indexes[n++] = word & mask;
      if (config.wordPairs && words > 0 && n < capacity) indexes[n++] = mix(previous, word) & mask;
      previous = word;
      words++;
      start = -1;
    }
  }
  // Character n-grams over the text with whitespace runs collapsed to one space. `window` is a
  // ring: window[(filled - 1 - k) & 7] is the k-th latest character.
  if (config.charGrams.length > 0) {
    const window = charWindow;
    const sizes = config.charGrams;
    let filled = 0;
    let lastSpace = true;
    for (let i = 0; i < text.length && n < capacity; i++) {
      let code = text.charCodeAt(i);
      // A link's placeholder (1) reads as a space: the link counts once, in the shape features.
      const space = code === 32 || code === 10 || code === 9 || code === 13 || code === 1;
      if (space) {
        if (lastSpace) continue;
        code = 32;
      }
      lastSpace = space;
      window[filled & 7] = code;
      filled++;
      for (let s = 0; s < sizes.length; s++) {
        const size = sizes[s] as number;
        if (filled < size || n >= capacity) continue;
        let hash = FNV_OFFSET ^ (NAMESPACE.char * 31 + size);
        for (let k = filled - size; k < filled; k++) hash = Math.imul(hash ^ (window[k & 7] as number), FNV_PRIME);
        indexes[n++] = (hash >>> 0) & mask;
      }
    }
  }
  out.textCount = n;
  // Fixed features go straight into the buffer (FIXED_ROOM keeps room), in a fixed order.
  for (const reason of reasons) indexes[n++] = reasonHash(reason) & mask;
  // Shape: coarse buckets, so the model can learn "short with a link" or "a long digit run".
  const links = shape.links;
  indexes[n++] = mask & (SHAPE.words[words < 3 ? words : words < 8 ? 3 : words < 25 ? 4 : 5] as number);
  indexes[n++] = mask & (SHAPE.links[Math.min(links, 2)] as number);
  if (longestDigits >= 7) indexes[n++] = mask & SHAPE.digits;
  if (config.richShape) {
    if (links > 0) {
      let video = 0;
      for (const host of shape.hosts) if (VIDEO_HOST.test(host)) video++;
      indexes[n++] = mask & (video === links ? SHAPE.linkKind.video : video > 0 ? SHAPE.linkKind.mixed : SHAPE.linkKind.other);
      indexes[n++] = mask & (SHAPE.linkWords[Math.min(links, 2) - 1]?.[words < 4 ? 0 : words < 16 ? 1 : 2] as number);
    }
    if (shape.letters >= 12) {
      const capitals =
        shape.capitals * 4 >= shape.letters * 3
          ? SHAPE.capitals.most
          : shape.capitals * 4 >= shape.letters
            ? SHAPE.capitals.many
            : SHAPE.capitals.few;
      indexes[n++] = mask & capitals;
    }
    if (longestSame >= 3) indexes[n++] = mask & SHAPE.repeat;
    if (shape.handles > 0) indexes[n++] = mask & SHAPE.handle;
    // "Artist - Title: <link>": what a site's share button writes, not what a spammer types.
    if (links > 0 && TITLED_LINK.test(text)) indexes[n++] = mask & SHAPE.titled;
  }
  if (config.hashtagShape && shape.hashtags > 0)
    indexes[n++] = mask & (SHAPE.hashtags[links > 0 ? 1 : 0]?.[shape.hashtags === 1 ? 0 : shape.hashtags < 5 ? 1 : 2] as number);
  indexes[n++] = mask & SHAPE.bias;
  out.count = n;
}

/** Room kept for the fixed features: every reason code plus the shape features, with margin. */
const FIXED_ROOM = 64;
