// The generator: ordinary traffic at a daily rhythm, plus scheduled events, over simulated or real
// time. `history(from, to)` fills a past range in one go (for a backfill); `tick(now)` produces
// what happened since the last call (for a live feed). Both advance one cursor and one seeded
// world, so a backfill followed by live ticks is one continuous conversation, and the same seed
// with the same calls gives the same mentions.
import { type BrandProfile, DEMO_BRANDS, displayName } from './brand-profiles.ts';
import { dailyRhythm } from './daily-rhythm.ts';
import { influencerPost, positiveStory, unansweredQuestion, viralPost } from './event-traffic.ts';
import { describeEvent, EVENT_ALERT_KIND, type ScheduledEvent, type TimelineEntry } from './events.ts';
import type { MentionJson } from './mention-json.ts';
import { BRAND_SHARE, brandMention, type BrandMentionOptions, ordinarySlot } from './ordinary-traffic.ts';
import { createWorld, type World } from './world.ts';

export interface GeneratorOptions {
  /** @default 1 */
  seed?: number;
  /** Brands the conversation is about. @default DEMO_BRANDS (acme, globex, initech, umbrella) */
  brands?: readonly BrandProfile[];
  /** When the live timeline starts, epoch ms: events count from here. @default the first tick()'s time */
  start?: number;
  /** Mean mentions a second over a day (about 1.3x that in the UTC afternoon, 0.7x at night). @default 20 */
  ratePerSecond?: number;
  /** Scheduled events, offsets from `start`. @default none */
  events?: readonly ScheduledEvent[];
}

export interface Generator {
  /** Everything published in [fromMs, toMs), in the order it would be sent. For backfills. */
  history(fromMs: number, toMs: number): MentionJson[];
  /**
   * Everything since the last call (or the last second, on the first call) up to nowMs. `count`
   * fixes the number of ordinary mentions; by default it follows the rate and the daily rhythm.
   */
  tick(nowMs: number, count?: number): MentionJson[];
  /** The scheduled events at their absolute times (empty until the start is known). */
  timeline(): TimelineEntry[];
  /** Ordinary mentions a second expected at t, before events. */
  rateAt(t: number): number;
  /** The brands the conversation is about. */
  readonly brands: readonly BrandProfile[];
  /** When events count from; undefined until given or until the first tick. */
  readonly start: number | undefined;
  /** The end of the last range generated. */
  readonly cursor: number | undefined;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

interface Slot {
  at: number;
  options: (brand: BrandProfile) => BrandMentionOptions;
  /** Set: a mention of this brand; unset: an ordinary slot (any kind). */
  brand?: BrandProfile;
}

export function createGenerator(options: GeneratorOptions = {}): Generator {
  const seed = options.seed ?? 1;
  const brands = options.brands ?? DEMO_BRANDS;
  if (brands.length === 0) throw new RangeError('the generator needs at least one brand');
  const rate = options.ratePerSecond ?? 20;
  if (!(rate >= 0)) throw new RangeError(`ratePerSecond must be zero or more, got ${rate}`);
  const events = options.events ?? [];
  for (const event of events) {
    if (!brands.some((b) => b.id === event.brand)) throw new RangeError(`event ${event.name} is about brand "${event.brand}", which the generator does not know`);
  }
  const world: World = createWorld(seed, brands);
  const totalWeight = brands.reduce((sum, b) => sum + b.weight, 0);
  let start = options.start;
  let cursor: number | undefined;

  const rateAt = (t: number) => rate * dailyRhythm(t);
  const brandOf = (id: string) => brands.find((b) => b.id === id) as BrandProfile;
  const shareOf = (brand: BrandProfile) => (BRAND_SHARE * brand.weight) / totalWeight;
  const activeAt = (event: ScheduledEvent, t: number) =>
    start !== undefined && t >= start + event.offsetMs && t < start + event.offsetMs + (event.durationMs ?? 0);

  /** Ordinary brand mentions during a surge turn angry; otherwise they keep their usual mix. */
  const moodFor = (t: number) => (brand: BrandProfile): BrandMentionOptions => {
    const surge = events.find((e) => e.name === 'surge' && e.brand === brand.id && activeAt(e, t));
    if (surge && world.random.chance(surge.negativeShare ?? 0.9)) return { mood: 'surge', polarity: 'negative', manyVoices: true };
    return {};
  };

  /** Extra mentions a spike or surge adds in [from, to), at uniform times. */
  const eventSlots = (from: number, to: number): Slot[] => {
    const slots: Slot[] = [];
    if (start === undefined) return slots;
    for (const event of events) {
      if (event.name !== 'spike' && event.name !== 'surge') continue;
      const begin = Math.max(from, start + event.offsetMs);
      const end = Math.min(to, start + event.offsetMs + (event.durationMs ?? 0));
      if (end <= begin) continue;
      const brand = brandOf(event.brand);
      const extra = world.random.poisson((((event.multiplier ?? 1) - 1) * rateAt((begin + end) / 2) * shareOf(brand) * (end - begin)) / SECOND);
      for (let i = 0; i < extra; i += 1) {
        const at = begin + Math.floor(world.random.next() * (end - begin));
        if (event.name === 'spike') {
          slots.push({ at, brand, options: () => ({ mood: 'spike', polarity: world.random.chance(0.6) ? 'positive' : 'neutral', manyVoices: true }) });
        } else {
          slots.push({ at, brand, options: () => ({ mood: 'surge', polarity: 'negative', manyVoices: true }) });
        }
      }
    }
    return slots;
  };

  /** One-off events starting in [from, to). */
  const oneOffs = (from: number, to: number): Array<{ at: number; mention: MentionJson }> => {
    const out: Array<{ at: number; mention: MentionJson }> = [];
    if (start === undefined) return out;
    for (const event of events) {
      const at = start + event.offsetMs;
      if (at < from || at >= to) continue;
      const brand = brandOf(event.brand);
      if (event.name === 'influencer') out.push({ at, mention: influencerPost(world, at, brand) });
      if (event.name === 'question') out.push({ at, mention: unansweredQuestion(world, at, brand) });
      if (event.name === 'viral') out.push({ at, mention: viralPost(world, at, brand) });
      if (event.name === 'story') out.push({ at, mention: positiveStory(world, at, brand) });
    }
    return out;
  };

  /** Everything in [from, to): `count` ordinary slots (or the rate's Poisson draw), events, due mentions. */
  const simulate = (from: number, to: number, count?: number): MentionJson[] => {
    const span = to - from;
    const n = count ?? world.random.poisson((rateAt(from + span / 2) * span) / SECOND);
    const mood = moodFor;
    const slots: Slot[] = Array.from({ length: n }, () => {
      const at = from + Math.floor(world.random.next() * span);
      return { at, options: mood(at) };
    });
    slots.push(...eventSlots(from, to));
    slots.sort((a, b) => a.at - b.at);
    const out: Array<{ at: number; seq: number; mention: MentionJson }> = [];
    let seq = 0;
    const add = (at: number, mention: MentionJson | undefined) => {
      if (mention) out.push({ at, seq: seq++, mention });
    };
    for (const { at, mention } of oneOffs(from, to)) add(at, mention);
    for (const slot of slots) {
      if (slot.brand) {
        add(slot.at, brandMention(world, slot.at, slot.brand, slot.options(slot.brand)));
        continue;
      }
      // A slot that yields nothing (a reply with no thread to join yet) is drawn again: a count is exact.
      let mention: MentionJson | undefined;
      for (let attempt = 0; attempt < 10 && mention === undefined; attempt += 1) mention = ordinarySlot(world, slot.at, slot.options);
      add(slot.at, mention);
    }
    for (const { at, mention } of world.takeDue(to)) add(at, mention);
    out.sort((a, b) => a.at - b.at || a.seq - b.seq);
    cursor = to;
    return out.map((o) => o.mention);
  };

  return {
    history(fromMs, toMs) {
      if (!(toMs > fromMs)) return [];
      const out: MentionJson[] = [];
      // A minute at a time: the rate follows the rhythm closely and memory stays small per step.
      for (let t = fromMs; t < toMs; t = Math.min(toMs, (Math.floor(t / MINUTE) + 1) * MINUTE)) {
        const next = Math.min(toMs, (Math.floor(t / MINUTE) + 1) * MINUTE);
        for (const mention of simulate(t, next)) out.push(mention);
      }
      return out;
    },
    tick(nowMs, count) {
      start ??= nowMs;
      const from = cursor ?? nowMs - SECOND;
      if (nowMs <= from) return [];
      return simulate(from, nowMs, count);
    },
    timeline() {
      if (start === undefined) return [];
      const at0 = start;
      return [...events]
        .sort((a, b) => a.offsetMs - b.offsetMs)
        .map((event) => ({
          name: event.name,
          brand: event.brand,
          at: at0 + event.offsetMs,
          until: at0 + event.offsetMs + (event.durationMs ?? 0),
          expectedAlert: EVENT_ALERT_KIND[event.name],
          description: describeEvent(event, displayName(brandOf(event.brand))),
        }));
    },
    rateAt,
    brands,
    get start() {
      return start;
    },
    get cursor() {
      return cursor;
    },
  };
}
