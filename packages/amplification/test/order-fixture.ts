// A small multi-day history for the order-invariance property test: three brands with a daily
// rhythm and one of each alert kind in it, built from a seed. Written for this test only, apart
// from the demo generator, with its own vocabulary.
import type { Brand, ScoredMention } from '@sl/contracts';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_664_525 + 1_013_904_223) >>> 0;
    return a / 4_294_967_296;
  };
}

export interface OrderFixture {
  brands: Brand[];
  mentions: ScoredMention[];
}

const WORDS = ['kettle', 'stove', 'grill', 'lantern', 'tent', 'stove fuel', 'camp chair', 'cooler'];

export function orderFixture(seed: number, start = Date.UTC(2026, 5, 1)): OrderFixture {
  const r = random(seed);
  const brands = ['trailco', 'nordpack', 'emberly'].map((id) => brandFixture(id, { name: id, handles: [`${id}_help`] }));
  const mentions: ScoredMention[] = [];
  let n = 0;
  const add = (brandId: string, at: number, extra: Partial<ScoredMention> = {}, source = 'forum') => {
    n += 1;
    const mention: ScoredMention = {
      ...enrichedMentionFixture(n, brandId, { text: `${brandId} ${WORDS[n % WORDS.length]} thoughts number ${n}`, publishedAt: Math.round(at), ingestedAt: Math.round(at) }, source),
      author: { handle: `user${Math.floor(r() * 400)}`, name: null, followers: Math.floor(10 ** (1 + 3 * r())) },
      engagement: { likes: Math.floor(r() * 6), shares: Math.floor(r() * 2), replies: Math.floor(r() * 2) },
      sentiment: { compound: r() < 0.12 ? -0.5 : 0.2, label: 'neutral', drivers: [] },
      ...extra,
    };
    mentions.push(mention);
    return mention;
  };
  const days = 4;
  for (const [b, brand] of brands.entries()) {
    const perHour = [4, 9, 16][b] ?? 4;
    for (let h = 0; h < days * 24; h += 1) {
      const hourOfDay = h % 24;
      const rate = perHour * (hourOfDay < 7 ? 0.3 : 1);
      const count = Math.round(rate * (0.8 + 0.4 * r()));
      for (let i = 0; i < count; i += 1) add(brand.id, start + h * HOUR + r() * HOUR);
    }
  }
  // trailco: a volume spike on day 3 at 14:00 and a negative surge on day 4 at 10:00.
  const spikeAt = start + 2 * DAY + 14 * HOUR;
  for (let i = 0; i < 80; i += 1) add('trailco', spikeAt + r() * 14 * 60_000, { author: { handle: `fan${i}`, name: null, followers: 50 } });
  const surgeAt = start + 3 * DAY + 10 * HOUR;
  for (let i = 0; i < 40; i += 1) {
    add('trailco', surgeAt + r() * 14 * 60_000, { author: { handle: `angry${i}`, name: null, followers: 80 }, sentiment: { compound: -0.7, label: 'negative', drivers: [] } });
  }
  // nordpack: an influential voice, a question nobody answers, a question that is answered, and
  // the same question asked by three people (three questions).
  add('nordpack', start + 2 * DAY + 9 * HOUR, { author: { handle: 'trailqueen', name: null, followers: 2_400_000 }, engagement: { likes: 9_000, shares: 800, replies: 300 } });
  add('nordpack', start + 2 * DAY + 16 * HOUR, { text: 'nordpack does the 40L pack fit carry-on rules?', author: { handle: 'asker1', name: null, followers: 30 } });
  const asked = add('nordpack', start + 3 * DAY + 11 * HOUR, { text: 'nordpack is the warranty transferable?', author: { handle: 'asker2', name: null, followers: 30 } });
  add('nordpack', start + 3 * DAY + 11 * HOUR + 5 * 60_000, { text: 'Yes, it is.', author: { handle: 'nordpack_help', name: null, followers: 5_000 }, parentId: asked.sourceId });
  const copy = add('nordpack', start + 3 * DAY + 15 * HOUR, { text: 'nordpack where do I send a broken buckle?', author: { handle: 'copier1', name: null, followers: 10 } });
  for (const [i, who] of ['copier2', 'copier3'].entries()) {
    add('nordpack', start + 3 * DAY + 15 * HOUR + (i + 1) * 60_000, { text: copy.text, author: { handle: who, name: null, followers: 10 }, isDuplicate: true, duplicateOf: copy.id });
  }
  // emberly: a post that takes off, answered from another source by URL.
  const post = add('emberly', start + 2 * DAY + 18 * HOUR, {
    text: 'emberly lantern survived a week in the rain, incredible',
    url: 'https://www.campers.example/t/4411?utm_source=feed',
    sentiment: { compound: 0.8, label: 'positive', drivers: [] },
    engagement: { likes: 40, shares: 10, replies: 0 },
  });
  for (let i = 0; i < 160; i += 1) {
    const at = post.publishedAt + 60_000 * (5 + 120 * Math.sqrt(i / 160));
    add('emberly', at, { text: `emberly replying ${i}`, author: { handle: `rep${i}`, name: null, followers: 20 }, parentId: i % 2 === 0 ? post.sourceId : 'https://campers.example/t/4411/' }, i % 2 === 0 ? 'forum' : 'microblog');
  }
  return { brands, mentions };
}
