// A synthetic but realistic stream of scored mentions for one brand over several simulated days
// (a daily rhythm, a slow upward trend, a pool of ordinary authors, replies, questions the brand
// answers, one noisy account), with named events injected on the last day. Scenario tests run it
// through the amplification engine or the real broker and expect exactly one alert per event.
import type { AlertKind, ScoredMention } from '@sl/contracts';

export interface ScenarioEvent {
  name: string;
  kind: AlertKind;
  /** Event time the event starts. */
  at: number;
}

export interface AlertScenario {
  brandId: string;
  mentions: ScoredMention[];
  events: ScenarioEvent[];
  start: number;
  end: number;
}

export interface AlertScenarioOptions {
  brandId?: string;
  /** Simulated days of steady traffic; events happen on the last one. @default 4 */
  days?: number;
  /** Mentions a minute at the daily peak, before the trend. @default 2 */
  peakPerMinute?: number;
  /** @default 1 */
  seed?: number;
  /** Leave events out: steady traffic only. @default true */
  withEvents?: boolean;
  /** First simulated instant. @default Monday 2026-11-16 00:00 UTC */
  start?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: small, seedable, the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const POSITIVE = ['Loving my new {b} grinder, best purchase this year', 'Shout out to {b} support, sorted my order in minutes', '{b} espresso beans are fantastic this season'];
const NEUTRAL = ['Picked up a bag of {b} coffee on the way home', 'Anyone compared {b} with the other roasters in town', 'The {b} store on Main street moved next door'];
const NEGATIVE = ['My {b} order arrived late again, not impressed', '{b} app keeps logging me out, annoying', 'Burnt taste from the last {b} roast, disappointing'];
const OWN_WORDS = 'today really again honestly though still just now then maybe kitchen morning evening weekend office train home friends family neighbour sister brother colleague finally somehow quite rather pretty very truly yesterday tonight lately recently seriously anyway'.split(' ');
const ANGRY = ['{b} charged me twice and support is not answering', 'Stale beans from {b} again, this is unacceptable', '{b} lost my parcel and nobody cares, worst service'];

export function alertScenario(options: AlertScenarioOptions = {}): AlertScenario {
  const brandId = options.brandId ?? 'acme';
  const days = options.days ?? 4;
  const peak = options.peakPerMinute ?? 2;
  const rand = random(options.seed ?? 1);
  const start = options.start ?? Date.UTC(2026, 10, 16);
  const end = start + days * DAY;
  const brandName = brandId.charAt(0).toUpperCase() + brandId.slice(1);
  const mentions: ScoredMention[] = [];
  let n = 0;
  const authors = Array.from({ length: 400 }, (_, i) => ({ handle: `user${i}`, followers: Math.round(20 * 10 ** (rand() * 3.3)) }));
  const recent: string[] = [];

  const mention = (t: number, text: string, compound: number, extra: Partial<ScoredMention> = {}): ScoredMention => {
    n += 1;
    const author = authors[Math.floor(rand() * authors.length)] ?? { handle: 'user0', followers: 100 };
    const label = compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
    const m: ScoredMention = {
      id: `sim:${n}`,
      source: 'sim',
      sourceId: String(n),
      text: text.replaceAll('{b}', brandName),
      title: null,
      url: `https://sim.example/p/${n}`,
      lang: 'en',
      publishedAt: t,
      ingestedAt: t + 2_000,
      author: { handle: author.handle, name: null, followers: author.followers },
      engagement: { likes: Math.floor(rand() * 8), shares: Math.floor(rand() * 2), replies: Math.floor(rand() * 2) },
      // Replies name their parent by the source's own id, as connectors do.
      parentId: rand() < 0.2 ? (recent[Math.floor(rand() * recent.length)]?.replace(/^sim:/, '') ?? null) : null,
      brandId,
      matchedTerms: [brandId],
      isDuplicate: false,
      duplicateOf: null,
      spamScore: rand() * 0.3,
      spamReasons: [],
      detectedLang: 'en',
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
      spamThreshold: null,
      sentiment: { compound, label, drivers: [] },
      ...extra,
    };
    recent.push(m.id);
    if (recent.length > 50) recent.shift();
    return m;
  };
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)] ?? '{b}';
  // People who say the same thing say it in their own words: ten of them after the template
  // keep two people's posts well under the near-duplicate threshold, as real posts are.
  const ownWords = (template: string) => `${template}, ${Array.from({ length: 10 }, () => pick(OWN_WORDS)).join(' ')}`;
  const ordinary = (t: number) => {
    const r = rand();
    if (r < 0.45) return mention(t, ownWords(pick(POSITIVE)), 0.3 + rand() * 0.6);
    if (r < 0.8) return mention(t, ownWords(pick(NEUTRAL)), rand() * 0.08 - 0.04);
    return mention(t, ownWords(pick(NEGATIVE)), -0.3 - rand() * 0.5);
  };

  const eventDay = start + (days - 1) * DAY;
  const events: ScenarioEvent[] = options.withEvents === false
    ? []
    : [
        { name: 'spike', kind: 'volume_spike', at: eventDay + 10 * HOUR },
        { name: 'influential author', kind: 'influential_voice', at: eventDay + 12 * HOUR + 7 * MINUTE },
        { name: 'negative surge', kind: 'negative_surge', at: eventDay + 14 * HOUR },
        { name: 'viral post', kind: 'viral_post', at: eventDay + 16 * HOUR + 3 * MINUTE },
        { name: 'positive story', kind: 'amplification_opportunity', at: eventDay + 18 * HOUR + 4 * MINUTE },
        { name: 'public question', kind: 'unanswered_question', at: eventDay + 20 * HOUR + 2 * MINUTE },
      ];
  const during = (name: string, t: number, length: number) => events.some((e) => e.name === name && t >= e.at && t < e.at + length);

  for (let minute = start; minute < end; minute += MINUTE) {
    const hour = ((minute - start) % DAY) / HOUR;
    // Quiet nights, busy afternoons, and about 5 % more people talking each day.
    const daily = 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    const trend = 1 + 0.05 * ((minute - start) / DAY);
    let rate = peak * daily * trend;
    if (during('spike', minute, 20 * MINUTE)) rate *= 6;
    const count = poisson(rate, rand);
    for (let i = 0; i < count; i += 1) {
      const t = minute + Math.floor(rand() * MINUTE);
      if (during('negative surge', minute, 30 * MINUTE) && rand() < 0.75) mentions.push(mention(t, ownWords(pick(ANGRY)), -0.5 - rand() * 0.4));
      else mentions.push(ordinary(t));
    }
    // Every couple of hours a customer asks something, and the brand answers within minutes.
    if ((minute - start) % (2 * HOUR) === 37 * MINUTE) {
      const q = mention(minute + 5_000, `@${brandId} does the new ${brandName} grinder work with 220V?`, 0);
      mentions.push(q);
      mentions.push(mention(minute + 6 * MINUTE, `@${q.author.handle} yes, every model is dual voltage.`, 0.2, {
        author: { handle: `${brandId}`, name: brandName, followers: 40_000 },
        parentId: q.sourceId,
        matchedTerms: [],
      }));
    }
    // One noisy account posts a burst every evening: forty mentions in ten minutes.
    if ((minute - start) % DAY >= 21 * HOUR && (minute - start) % DAY < 21 * HOUR + 10 * MINUTE) {
      for (let i = 0; i < 4; i += 1) {
        mentions.push(mention(minute + i * 10_000, `${brandName} ${brandName} ${brandName} follow me for deals`, 0, { author: { handle: 'noisy_nick', name: null, followers: 300 } }));
      }
    }
  }

  for (const event of events) {
    if (event.name === 'influential author') {
      mentions.push(mention(event.at, `Tried ${brandName} coffee this morning, honestly impressed with the roast`, 0.62, {
        author: { handle: 'famous_fran', name: 'Fran', followers: 850_000 },
        engagement: { likes: 9_000, shares: 700, replies: 420 },
      }));
    }
    if (event.name === 'viral post' || event.name === 'positive story') {
      // The post, then replies from many people (their own mentions, parentId = the post): slowly
      // at first, then faster and faster for the viral one, at a steady pace for the positive one.
      const viral = event.name === 'viral post';
      const post = mention(event.at, viral ? `Watch what happened when I ordered from ${brandName} today` : `${brandName} helped our cafe through the winter, amazing people`, viral ? 0 : 0.8, {
        engagement: viral ? { likes: 120, shares: 40, replies: 0 } : { likes: 120, shares: 10, replies: 0 },
      });
      mentions.push(post);
      const gaps = viral ? [...new Array<number>(8).fill(240), ...new Array<number>(12).fill(60), ...new Array<number>(40).fill(12)] : new Array<number>(24).fill(90);
      let t = event.at;
      gaps.forEach((gap, i) => {
        t += gap * 1000;
        mentions.push(mention(t, viral ? `@${post.author.handle} no way, sharing this` : `@${post.author.handle} love hearing this`, viral ? 0 : 0.5, {
          author: { handle: `${viral ? 'sharer' : 'friend'}_${i}`, name: null, followers: 40 },
          parentId: post.sourceId,
          matchedTerms: [],
        }));
      });
    }
    if (event.name === 'public question') {
      mentions.push(mention(event.at, `Hey @${brandId}, why was my card charged twice for one order?`, -0.2));
    }
  }

  mentions.sort((a, b) => a.publishedAt - b.publishedAt);
  return { brandId, mentions, events, start, end };
}

function poisson(mean: number, rand: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}
