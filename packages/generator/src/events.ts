// Scheduled events: moments, relative to the generator's start, when the conversation changes in
// a way the amplification worker should notice. Each names the alert kind it is meant to raise
// (docs/alerts.md), so a test can check the engine raises exactly that.
import type { BrandProfile } from './brand-profiles.ts';

export type EventName = 'influencer' | 'question' | 'spike' | 'surge' | 'viral' | 'story';

export const EVENT_NAMES: readonly EventName[] = ['influencer', 'question', 'spike', 'surge', 'viral', 'story'];

/** The alert each event is meant to raise. */
export const EVENT_ALERT_KIND: Readonly<Record<EventName, string>> = {
  influencer: 'influential_voice',
  question: 'unanswered_question',
  spike: 'volume_spike',
  surge: 'negative_surge',
  viral: 'viral_post',
  story: 'amplification_opportunity',
};

export interface ScheduledEvent {
  name: EventName;
  /** Brand id the event is about. */
  brand: string;
  /** When it starts, ms after the generator's `start`. */
  offsetMs: number;
  /** spike, surge: how long it lasts, ms. */
  durationMs?: number;
  /** spike: the brand's mention rate times this; surge: the same, for the angry extra voices. */
  multiplier?: number;
  /** surge: share of the brand's mentions that are negative while it lasts. */
  negativeShare?: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * The demo's timeline. A volume spike fires once a window's count reaches 3x the usual count for
 * a whole 15-minute window: at 10x that takes 4.5 minutes from the window's start, so the alert
 * comes 3-8 minutes after the spike starts (depending on where in the window it falls; 12 minutes
 * covers the worst case). The surge, 90 % negative, fires within a few minutes.
 */
export const DEMO_EVENTS: readonly ScheduledEvent[] = Object.freeze([
  { name: 'influencer', brand: 'acme', offsetMs: 45 * SECOND },
  { name: 'question', brand: 'acme', offsetMs: 60 * SECOND },
  { name: 'spike', brand: 'acme', offsetMs: 90 * SECOND, durationMs: 12 * MINUTE, multiplier: 10 },
  { name: 'surge', brand: 'globex', offsetMs: 150 * SECOND, durationMs: 15 * MINUTE, multiplier: 1.4, negativeShare: 0.9 },
  { name: 'viral', brand: 'initech', offsetMs: 180 * SECOND },
  { name: 'story', brand: 'umbrella', offsetMs: 210 * SECOND },
]);

/**
 * History the demo backfills before going live: volume_spike compares a window with the same hour
 * yesterday, so a day plus the current hour and a margin.
 */
export const DEMO_HISTORY_MS = 26 * 60 * MINUTE;

/** Re-observations of the viral post: every 20 s, shares and replies growing faster each time. */
export const VIRAL_OBSERVATIONS = Object.freeze({ everyMs: 20 * SECOND, spread: [4, 25, 110, 420, 1_400, 4_000] });
/** Re-observations of the positive story: every 30 s, likes growing steadily. */
export const STORY_OBSERVATIONS = Object.freeze({ everyMs: 30 * SECOND, likes: [30, 90, 170, 260] });

/**
 * Events by name, as `sl generate --events` takes them: `spike`, `spike@120` (seconds after the
 * start), `spike:globex@120`. Unnamed parts take the demo's values.
 */
export function parseEvents(spec: string, brands: readonly BrandProfile[]): ScheduledEvent[] {
  const known = new Set(brands.map((b) => b.id));
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const match = /^([a-z]+)(?::([a-z0-9_-]+))?(?:@(\d+(?:\.\d+)?))?$/.exec(part);
      const name = match?.[1] as EventName | undefined;
      if (!match || !name || !EVENT_NAMES.includes(name)) {
        throw new RangeError(`unknown event "${part}": expected one of ${EVENT_NAMES.join(', ')}, optionally with :brand and @seconds (spike:acme@90)`);
      }
      const demo = DEMO_EVENTS.find((e) => e.name === name) as ScheduledEvent;
      const brand = match[2] ?? demo.brand;
      if (!known.has(brand)) throw new RangeError(`event "${part}" names brand "${brand}", which is not one of ${[...known].join(', ')}`);
      const offsetMs = match[3] === undefined ? demo.offsetMs : Math.round(Number(match[3]) * SECOND);
      return { ...demo, brand, offsetMs };
    });
}

export interface TimelineEntry {
  name: EventName;
  brand: string;
  /** Epoch ms. */
  at: number;
  /** Epoch ms; equal to `at` for one-off events. */
  until: number;
  /** The alert kind it is meant to raise. */
  expectedAlert: string;
  description: string;
}

export function describeEvent(event: ScheduledEvent, brandName: string): string {
  switch (event.name) {
    case 'influencer':
      return `a well-followed author raves about ${brandName}`;
    case 'question':
      return `a customer asks ${brandName}'s support account in public; nobody answers`;
    case 'spike':
      return `launch buzz: ${brandName} mentions at ${event.multiplier ?? 1}x the usual rate for ${Math.round((event.durationMs ?? 0) / MINUTE)} min`;
    case 'surge':
      return `backlash: ${Math.round((event.negativeShare ?? 0) * 100)}% of ${brandName} mentions negative, ${event.multiplier ?? 1}x the usual rate, for ${Math.round((event.durationMs ?? 0) / MINUTE)} min`;
    case 'viral':
      return `a post about ${brandName} re-fetched every ${VIRAL_OBSERVATIONS.everyMs / SECOND} s with shares and replies accelerating`;
    case 'story':
      return `a positive story about ${brandName} re-fetched every ${STORY_OBSERVATIONS.everyMs / SECOND} s, gaining likes`;
  }
}
