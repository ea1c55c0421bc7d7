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
  /** viral_post when likes + shares + replies reach this. Schema default 1000. */
  viralEngagement: number;
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
  /** Epoch milliseconds UTC. */
  updatedAt: number;
  deleted: boolean;
}

export const brandContract = defineContract<Brand>('brand', 'Brand');
