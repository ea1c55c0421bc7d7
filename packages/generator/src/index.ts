// @sl/generator: realistic synthetic mentions in the gateway's JSON format. createGenerator gives a
// seeded conversation about a few brands over several sources, with a daily rhythm, spam,
// duplicates, threads, questions and scheduled events; history() backfills a past range, tick()
// feeds a live stream.
export {
  ALERT_WINDOW_MS,
  BACKFILL_SLICE_MS,
  type BackfillWave,
  backfillSlices,
  backfillStart,
  backfillWaves,
  isOwnAccount,
  sliceWaves,
} from './backfill-plan.ts';
export { type BrandProfile, DEMO_BRANDS, displayName, genericBrandProfile } from './brand-profiles.ts';
export { createGenerator, type Generator, type GeneratorOptions } from './create-generator.ts';
export { dailyRhythm } from './daily-rhythm.ts';
export {
  DEMO_EVENTS,
  DEMO_HISTORY_MS,
  describeEvent,
  EVENT_ALERT_KIND,
  EVENT_NAMES,
  type EventName,
  parseEvents,
  type ScheduledEvent,
  STORY_OBSERVATIONS,
  type TimelineEntry,
  VIRAL_OBSERVATIONS,
} from './events.ts';
export { INFLUENTIAL_AUTHOR } from './event-traffic.ts';
export type { MentionJson } from './mention-json.ts';
export { BRAND_SHARE, MAX_ANSWER_DELAY_MS, POLARITY_MIX, TRAFFIC_MIX } from './ordinary-traffic.ts';
export { createRandom, deriveSeed, type Random } from './random.ts';
