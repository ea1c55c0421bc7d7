// What a scenario is: brands, the scored mentions they receive over days (what the sentiment stage
// would have written), the events planted in that traffic that must each raise one alert, and the
// stretches planted to tempt the engine that must raise none. Written without reading the engine
// or the demo generator, so the suite does not share their assumptions.
import type { AlertKind, Brand, ScoredMention } from '@sl/contracts';

export type Split = 'tune' | 'holdout';

/** Kinds judged per time window: found when an alert's window overlaps the event's window. */
export const WINDOW_KINDS: readonly AlertKind[] = ['volume_spike', 'negative_surge'];

/** Kinds about one mention: found when an alert's mentionIds contains one of the event's. */
export const MENTION_KINDS: readonly AlertKind[] = ['influential_voice', 'viral_post', 'amplification_opportunity', 'unanswered_question'];

export interface InjectedEvent {
  kind: AlertKind;
  brandId: string;
  /** Event time (publishedAt) the event starts, epoch ms. */
  at: number;
  /** Window kinds: the span the event covers, epoch ms, end exclusive. */
  windowStart?: number;
  windowEnd?: number;
  /**
   * Mention kinds: the mention(s) the alert must name. More than one only for influential_voice,
   * where any of the author's mentions that day may carry the day's one alert.
   */
  mentionIds?: string[];
  /** What was planted, for the list of misses. */
  note: string;
}

/** Traffic that must not alert (a spam burst, a silent day, a busy author…), named for the report. */
export interface QuietSpan {
  brandId: string;
  start: number;
  /** Exclusive, epoch ms. */
  end: number;
  reason: string;
}

export interface Scenario {
  name: string;
  split: Split;
  brands: Brand[];
  /** Sorted by publishedAt, then id. */
  mentions: ScoredMention[];
  events: InjectedEvent[];
  quiet: QuietSpan[];
}

/** A scenario to build on demand: the big ones are hundreds of thousands of mentions. */
export interface ScenarioRecipe {
  name: string;
  split: Split;
  /** One line: the brands, their size and what is planted. */
  summary: string;
  build(): Scenario;
}
