// One brand inside a scenario: its Brand record (the defaults of the contract spread, so a new
// threshold is picked up), its words, its regulars, its rhythm, and what has been said so far
// (recent posts people reply to).
import { type AlertThresholds, type Brand, DEFAULT_ALERT_THRESHOLDS, type ListedInfluencer, type ScoredMention } from '@sl/contracts';
import { AuthorPool, type AuthorProfile, freshAuthor, type HandleRegistry } from './author-pool.ts';
import type { MentionDraft, MentionFactory } from './mention-factory.ts';
import type { Prng } from './prng.ts';
import type { BrandWords } from './text-composer.ts';
import { DAY, HOUR, MINUTE, TrafficRhythm } from './traffic-rhythm.ts';
import { type Industry, THREADED_SOURCES } from './vocabulary/industry.ts';

export interface BrandPlan {
  id: string;
  name: string;
  /** Main account, without '@'; it posts, and answers everywhere but microblog. */
  handle: string;
  /** Answers on microblog (listed as `microblog:<supportHandle>`). */
  supportHandle: string;
  /** Hashtag without '#'. */
  tag: string;
  industry: Industry;
  /** Mentions a day at the start, before weekly and daily shape. */
  perDay: number;
  /** Local time = UTC + this. Default 0. */
  tzHours?: number;
  /** Share of ordinary mentions labelled negative / positive. Defaults 0.1 / 0.35. */
  negativeShare?: number;
  positiveShare?: number;
  /** +0.3 = 30 % more a week. Default 0. */
  trendPerWeek?: number;
  /** Median engagement of an ordinary post (likes + shares + replies). Default 3. */
  typicalEngagement?: number;
  thresholds?: Partial<AlertThresholds>;
  influencers?: ListedInfluencer[];
  competitors?: string[];
  spamThreshold?: number;
}

export interface ScenarioFrame {
  start: number;
  days: number;
  end: number;
  handles: HandleRegistry;
  factory: MentionFactory;
  mentions: ScoredMention[];
}

/** Reads a threshold that may not exist in an older contract. */
export function thresholdOf(thresholds: AlertThresholds, name: string, fallback: number): number {
  const value = (thresholds as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : fallback;
}

export class BrandTraffic {
  readonly plan: BrandPlan;
  readonly brand: Brand;
  readonly words: BrandWords;
  readonly rhythm: TrafficRhythm;
  readonly pool: AuthorPool;
  readonly frame: ScenarioFrame;
  readonly rng: Prng;
  /** Followers of drawn authors stay below this: an influential author is always planted. */
  readonly followerCap: number;
  readonly typicalEngagement: number;
  /** Recent posts in threaded sources, oldest first, that ordinary replies attach to. */
  readonly recentPosts: ScoredMention[] = [];
  readonly replyCounts = new Map<string, number>();

  constructor(plan: BrandPlan, frame: ScenarioFrame, rng: Prng) {
    this.plan = plan;
    this.frame = frame;
    this.rng = rng;
    const alertThresholds: AlertThresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...plan.thresholds };
    this.brand = {
      id: plan.id,
      name: plan.name,
      query: `"${plan.name.toLowerCase()}" OR @${plan.handle} OR @${plan.supportHandle} OR #${plan.tag.toLowerCase()}`,
      competitors: plan.competitors ?? [],
      spamThreshold: plan.spamThreshold ?? 0.7,
      alertThresholds,
      handles: [plan.handle, `microblog:${plan.supportHandle}`],
      categoryTerms: plan.industry.categoryTerms,
      influencers: plan.influencers ?? [],
      webhooks: [],
      timeZone: null,
      updatedAt: frame.start - 30 * DAY,
      deleted: false,
    };
    this.words = { name: plan.name, handle: plan.handle, tag: plan.tag, industry: plan.industry };
    this.rhythm = new TrafficRhythm(
      { perDay: plan.perDay, tzHours: plan.tzHours ?? 0, trendPerWeek: plan.trendPerWeek ?? 0, origin: frame.start },
      plan.industry,
    );
    this.followerCap = Math.floor(alertThresholds.influentialFollowers * 0.85);
    this.typicalEngagement = plan.typicalEngagement ?? 3;
    const poolSize = Math.round(Math.min(60_000, Math.max(15, (plan.perDay * frame.days) / 4)));
    this.pool = new AuthorPool(poolSize, frame.handles, plan.industry.language, rng.fork('pool'), this.followerCap);
  }

  get thresholds(): AlertThresholds {
    return this.brand.alertThresholds;
  }

  get windowMs(): number {
    return this.thresholds.windowMinutes * MINUTE;
  }

  /** Epoch ms of `localHour` (fractional) on scenario day `day`, in the brand's local time. */
  at(day: number, localHour: number): number {
    return this.frame.start + day * DAY + (localHour - (this.plan.tzHours ?? 0)) * HOUR;
  }

  /** The start of the brand's alert window containing t (windows are aligned to the epoch). */
  windowStart(t: number): number {
    return Math.floor(t / this.windowMs) * this.windowMs;
  }

  /** Usual mentions in the window starting at `start`. */
  usualPerWindow(start: number): number {
    return this.rhythm.usualCount(start, this.thresholds.windowMinutes);
  }

  /** The most an ordinary post's snapshot shows (likes + shares); its at most 3 ordinary replies come on top. */
  get ordinaryCeiling(): number {
    return Math.floor(this.typicalEngagement * 2.6);
  }

  /**
   * The brand's "typical post" under any reading (median, 90th percentile, the largest): never
   * above this, so bars computed from it are the highest an engine could set.
   */
  get typicalUpper(): number {
    return this.ordinaryCeiling + 3;
  }

  /** Engagement a positive, growing post needs to be an amplification opportunity, at the highest reading of typical. */
  get tractionBar(): number {
    const t = this.thresholds;
    return Math.max(t.tractionEngagement, thresholdOf(t, 'tractionBaselineMultiple', 10) * this.typicalUpper);
  }

  /** Engagement an accelerating post needs to be viral, at the highest reading of typical. */
  get viralBar(): number {
    const t = this.thresholds;
    return Math.max(t.viralEngagement, thresholdOf(t, 'viralBaselineMultiple', 20) * this.typicalUpper);
  }

  /** The traction bar at the lowest reading of typical (the median): ordinary posts stay well below it. */
  get lowTractionBar(): number {
    const t = this.thresholds;
    return Math.max(t.tractionEngagement, thresholdOf(t, 'tractionBaselineMultiple', 10) * this.typicalEngagement);
  }

  pickSource(rng: Prng, threadedOnly = false): string {
    const weights = this.plan.industry.sources.filter((s) => !threadedOnly || THREADED_SOURCES.includes(s.source));
    if (weights.length === 0) throw new Error(`${this.plan.id}: no threaded source`);
    const total = weights.reduce((a, s) => a + s.weight, 0);
    let roll = rng.next() * total;
    for (const s of weights) {
      roll -= s.weight;
      if (roll < 0) return s.source;
    }
    return (weights[weights.length - 1] as { source: string }).source;
  }

  /** The brand account that answers on `source`. */
  answerer(source: string): AuthorProfile {
    const handle = source === 'microblog' ? this.plan.supportHandle : this.plan.handle;
    return { handle, name: `${this.plan.name} ${source === 'microblog' ? 'Support' : ''}`.trim(), followers: 25_000, weight: 0 };
  }

  /** The brand's own posting account. */
  get ownAccount(): AuthorProfile {
    return { handle: this.plan.handle, name: this.plan.name, followers: 42_000, weight: 0 };
  }

  isOwnAccount(source: string, handle: string): boolean {
    return this.brand.handles.some((h) => h === handle || h === `${source}:${handle}`);
  }

  fresh(rng: Prng): AuthorProfile {
    return freshAuthor(this.frame.handles, this.plan.industry.language, rng, this.followerCap);
  }

  emit(draft: Omit<MentionDraft, 'brandId' | 'words'>, rng: Prng): ScoredMention {
    const mention = this.frame.factory.create({ ...draft, brandId: this.plan.id, words: this.words }, rng);
    this.frame.mentions.push(mention);
    if (draft.parent) this.replyCounts.set(draft.parent.id, (this.replyCounts.get(draft.parent.id) ?? 0) + 1);
    return mention;
  }

  /** An ordinary post's engagement: around the brand's typical, never near the traction bar. */
  ordinaryEngagement(rng: Prng): { likes: number; shares: number; replies: number } {
    const ceiling = Math.min(this.ordinaryCeiling, Math.floor(this.lowTractionBar * 0.45));
    const total = Math.min(ceiling, Math.round(rng.logNormal(this.typicalEngagement, 0.55)));
    const shares = Math.round(total * rng.uniform(0, 0.25));
    return { likes: total - shares, shares, replies: 0 };
  }
}
