// The people who post: a pool per source, handles in each source's own style, followers drawn
// from a heavy-tailed (log-normal) distribution where the source has followers at all, and a few
// people far more active than the rest. Ordinary followers stay under 40,000: the demo's
// influential voices are scheduled events, not accidents of the draw.
import { createRandom, deriveSeed, type Random } from './random.ts';

export type SourceName = 'mastodon' | 'reddit' | 'hackernews' | 'rss' | 'reviews';

export interface Author {
  handle: string;
  name?: string;
  followers?: number;
}

const FIRST = [
  'ana', 'ben', 'chloe', 'dev', 'elif', 'femi', 'greta', 'hugo', 'ines', 'jonas', 'kai', 'lena', 'marco', 'nadia', 'omar', 'priya',
  'quinn', 'rosa', 'sami', 'tara', 'uma', 'vik', 'wren', 'xavi', 'yara', 'zoe', 'alex', 'bruno', 'carla', 'dario', 'emma', 'felix',
];
const LAST = [
  'park', 'silva', 'novak', 'berg', 'okafor', 'rossi', 'tanaka', 'moreau', 'keller', 'haas', 'lund', 'costa', 'weber', 'byrne', 'diaz',
  'stone', 'frost', 'vance', 'reyes', 'holm', 'marsh', 'quill', 'lopez', 'young',
];
const WORDS = [
  'pixel', 'rust', 'maple', 'orbit', 'cobalt', 'fern', 'lumen', 'static', 'harbor', 'ember', 'quartz', 'delta', 'willow', 'signal', 'tundra',
  'cedar', 'atlas', 'nimbus', 'pepper', 'echo', 'granite', 'vector', 'otter', 'falcon',
];
const SERVERS = ['mastodon.social', 'fosstodon.org', 'hachyderm.io', 'mstdn.social', 'techhub.social', 'mas.to'];
const BLOGS = ['blog.example.org', 'notes.example.net', 'gadgetdiary.example', 'homelab.example.com', 'officeblog.example'];

/** Mention volume per author follows a skew: a few regulars, a long tail of occasional voices. */
const ACTIVITY_SKEW = 1.7;
const MAX_ORDINARY_FOLLOWERS = 40_000;

export interface AuthorPool {
  /** An ordinary author of this source, regulars more often than the tail. */
  pick(random: Random): Author;
  /** An author drawn uniformly: many voices, as in a spike. */
  anyone(random: Random): Author;
}

function poolSize(source: SourceName): number {
  return { mastodon: 4000, reddit: 3500, hackernews: 1500, rss: 120, reviews: 3000 }[source];
}

function makeAuthor(source: SourceName, i: number, random: Random): Author {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const word = random.pick(WORDS);
  const followers = Math.min(MAX_ORDINARY_FOLLOWERS, Math.round(random.logNormal(5, 1.7)));
  switch (source) {
    case 'mastodon': {
      const local = random.chance(0.5) ? `${first}_${last}` : `${word}${first}`;
      return { handle: `${local}${i % 7 === 0 ? i : ''}@${random.pick(SERVERS)}`, name: `${capital(first)} ${capital(last)}`, followers };
    }
    case 'reddit':
      return { handle: `u/${capital(word)}${capital(first)}${i}` };
    case 'hackernews':
      return { handle: `${first}${word}${i % 13 === 0 ? '' : i}` };
    case 'rss':
      return { handle: `${capital(first)} ${capital(last)}`, name: `${capital(first)} ${capital(last)} (${random.pick(BLOGS)})` };
    case 'reviews':
      return { handle: `${capital(first)} ${last.charAt(0).toUpperCase()}.${i}`, name: `${capital(first)} ${last.charAt(0).toUpperCase()}.` };
  }
}

function capital(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

export function createAuthorPool(source: SourceName, seed: number): AuthorPool {
  const random = createRandom(deriveSeed(seed, `authors:${source}`));
  const authors = Array.from({ length: poolSize(source) }, (_, i) => makeAuthor(source, i, random));
  // Unique handles: a rare collision gets a suffix.
  const seen = new Set<string>();
  for (const [i, author] of authors.entries()) {
    if (seen.has(author.handle)) authors[i] = { ...author, handle: author.handle.replace(/(@|$)/, `x${i}$1`) };
    seen.add(authors[i]?.handle ?? author.handle);
  }
  const at = (index: number): Author => authors[Math.min(authors.length - 1, index)] as Author;
  return {
    pick: (r) => at(Math.floor(authors.length * r.next() ** ACTIVITY_SKEW)),
    anyone: (r) => at(Math.floor(authors.length * r.next())),
  };
}

/** Spam accounts: new, few followers, handles that give them away. */
export function spamAuthor(random: Random, source: SourceName): Author {
  const base = `${random.pick(['deals', 'promo', 'growth', 'fans', 'bargain', 'offers'])}_${random.pick(['4u', 'hub', 'now', 'king', 'daily', 'club'])}${random.int(10, 999)}`;
  if (source === 'mastodon') return { handle: `${base}@${random.pick(SERVERS)}`, followers: random.int(0, 60) };
  if (source === 'reddit') return { handle: `u/${base}` };
  return { handle: base };
}
