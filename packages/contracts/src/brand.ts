// Brand: one brand's listening rules. Topic brands.config (compacted), key = id; the latest record
// per key wins, and `deleted: true` retires a brand. Every stage that needs brand rules reads it
// live. Schema: schemas/brand/Brand.v<N>.avsc.
import { defineContract } from './contract.ts';

export const BRAND_TOPIC = 'brands.config';

export interface AlertThresholds {
  /** volume_spike when count >= ratio x baseline. Schema default 3. */
  volumeSpikeRatio: number;
  /** negative_surge when negative share in [0, 1] reaches this. Schema default 0.4. */
  negativeSurgeShare: number;
  /** Volume kinds stay quiet below this many mentions per window. Schema default 10. */
  minMentionsPerWindow: number;
  /** influential_voice at this many followers. Schema default 100000. */
  influentialFollowers: number;
  /** Absolute floor: viral_post needs likes + shares + replies of at least this. Schema default 50 (1000 before v3). */
  viralEngagement: number;
  /** Length of the windows volume, negativity and questions are judged in, minutes. Schema default 15. */
  windowMinutes: number;
  /** negative_surge also needs share >= this x the brand's usual share. Schema default 2. */
  negativeSurgeRatio: number;
  /** influential_voice at this influence score in [0, 100]. Schema default 50. */
  influenceScore: number;
  /** Absolute floor: amplification_opportunity needs a positive, growing mention's engagement of at least this. Schema default 20 (100 before v3). */
  tractionEngagement: number;
  /** viral_post needs the latest share+reply rate >= this x the rate before. Schema default 1.5. */
  viralAcceleration: number;
  /** unanswered_question after this many minutes without a reply from the brand. Schema default 15. */
  questionReplyMinutes: number;
  /** A window kind stays quiet this many event-time minutes after it fired. Schema default 60. */
  cooldownMinutes: number;
  /** An alert raised more than this many minutes after its window ended is historical. Schema default 60. */
  historyMinutes: number;
  /** Send historical alerts to webhooks too; when false they are only recorded on the topic. Schema default false. */
  pageHistory: boolean;
  /** viral_post needs engagement >= this x the brand's typical post engagement (what one in ten of its recent posts reaches). Schema default 20. */
  viralBaselineMultiple: number;
  /** amplification_opportunity needs engagement >= this x the brand's typical post engagement (one in ten of its recent posts). Schema default 10. */
  tractionBaselineMultiple: number;
}

/** The defaults written in the newest schemas/brand/Brand.v<N>.avsc (test/brand-defaults.test.ts keeps them equal). */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  volumeSpikeRatio: 3,
  negativeSurgeShare: 0.4,
  minMentionsPerWindow: 10,
  influentialFollowers: 100_000,
  viralEngagement: 50,
  windowMinutes: 15,
  negativeSurgeRatio: 2,
  influenceScore: 50,
  tractionEngagement: 20,
  viralAcceleration: 1.5,
  questionReplyMinutes: 15,
  cooldownMinutes: 60,
  historyMinutes: 60,
  pageHistory: false,
  viralBaselineMultiple: 20,
  tractionBaselineMultiple: 10,
});

/** A person the brand knows matters offline. */
export interface ListedInfluencer {
  handle: string;
  /** null: the handle on any source. */
  source: string | null;
  /** boost adds `score` points to the earned score; pin replaces it. */
  mode: 'boost' | 'pin';
  score: number;
}

/** Where a brand's alerts are POSTed. The signing secret stays in the dispatcher's environment. */
export interface WebhookSubscription {
  id: string;
  url: string;
  /** Name of the dispatcher's environment variable holding the HMAC secret. */
  secretEnv: string;
  format: 'json' | 'slack';
  /** Empty: every kind. */
  kinds: string[];
  minSeverity: 'info' | 'warning' | 'critical';
}

export interface Brand {
  id: string;
  name: string;
  /** Boolean match expression; grammar owned by the matching package. */
  query: string;
  /** Competitor brand ids. */
  competitors: string[];
  /** spamScore at or above this (in [0, 1]) counts as spam. */
  spamThreshold: number;
  alertThresholds: AlertThresholds;
  /** The brand's own accounts (handle or source:handle, no @): matched to the brand, and their replies answer questions. */
  handles: string[];
  /** Words of the brand's category; an author's relevance is the share of mentions using one. */
  categoryTerms: string[];
  influencers: ListedInfluencer[];
  webhooks: WebhookSubscription[];
  /** IANA time zone of the brand team (dashboard day buckets and axis labels); null: UTC. Null in records written before v4. */
  timeZone: string | null;
  /** Epoch milliseconds UTC. */
  updatedAt: number;
  deleted: boolean;
}

export const brandContract = defineContract<Brand>('brand', 'Brand');
