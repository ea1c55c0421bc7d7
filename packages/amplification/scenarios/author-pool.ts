// People who write about a brand: a pool of regulars whose activity is uneven (a few write often,
// most once or twice), follower counts from a heavy-tailed distribution kept below the brand's
// influential bar (an influential author is something a scenario plants on purpose), and fresh
// one-off accounts for bursts. Handles are unique within a scenario.
import type { Author } from '@sl/contracts';
import type { Prng } from './prng.ts';
import type { Language } from './vocabulary/industry.ts';

export interface AuthorProfile extends Author {
  /** Relative chance this author writes the next mention. */
  weight: number;
}

const FIRST: Record<Language, string[]> = {
  en: 'mira tom sam ana li jo ravi kate ben zoe omar ella finn nia leo ada max ivy raj eve dan amy kai nora luca ruth ted maya'.split(' '),
  de: 'jonas lena paul mia felix emma lukas hanna tim lea jan sophie nils marie moritz lina erik clara ben frida'.split(' '),
};
const WORDS = 'cooks rides codes reads runs bakes travels writes plays draws hikes knits brews films sails climbs'.split(' ');
const PLACES = 'leeds bristol york cork derby bonn halle kent nord west east delta'.split(' ');

/** Hands out handles no one else in the scenario has. */
export class HandleRegistry {
  private readonly used = new Set<string>();

  take(candidate: string): string {
    let handle = candidate;
    let n = 2;
    while (this.used.has(handle)) handle = `${candidate}${n++}`;
    this.used.add(handle);
    return handle;
  }
}

function personHandle(language: Language, rng: Prng): string {
  const first = rng.pick(FIRST[language]);
  switch (rng.int(0, 4)) {
    case 0:
      return `${first}_${rng.pick(WORDS)}`;
    case 1:
      return `${first}${rng.int(1, 99)}`;
    case 2:
      return `${first}from${rng.pick(PLACES)}`;
    case 3:
      return `the_${first}_${rng.int(70, 99)}`;
    default:
      return `${first}.${rng.pick(PLACES)}`;
  }
}

/** Heavy-tailed followers, capped below `cap`; one in twenty sources does not say. */
export function drawFollowers(rng: Prng, cap: number): number | null {
  if (rng.chance(0.05)) return null;
  return Math.min(Math.floor(cap), Math.max(0, Math.round(rng.logNormal(180, 1.7))));
}

export function freshAuthor(handles: HandleRegistry, language: Language, rng: Prng, followerCap: number): AuthorProfile {
  const handle = handles.take(personHandle(language, rng));
  return {
    handle,
    name: rng.chance(0.6) ? handle.split(/[_.\d]/)[0] || handle : null,
    followers: drawFollowers(rng, followerCap),
    weight: 1,
  };
}

export class AuthorPool {
  private readonly authors: AuthorProfile[];
  private readonly cumulative: number[];

  constructor(size: number, handles: HandleRegistry, language: Language, rng: Prng, followerCap: number) {
    this.authors = [];
    this.cumulative = [];
    let total = 0;
    for (let i = 0; i < size; i++) {
      const author = freshAuthor(handles, language, rng, followerCap);
      // Uneven activity, but no regular posts more than ~20 times the median: a busy author is planted, not drawn.
      author.weight = Math.min(20, rng.logNormal(1, 1.1));
      total += author.weight;
      this.authors.push(author);
      this.cumulative.push(total);
    }
  }

  draw(rng: Prng): AuthorProfile {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const target = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.authors[lo] as AuthorProfile;
  }
}
