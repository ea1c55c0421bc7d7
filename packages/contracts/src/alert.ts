// Alert: something a brand team should look at now. Topic alerts.<brandId>, key = id. Written by
// the amplification worker, read by the alert dispatcher (signed webhooks) and `sl alerts tail`.
// Schema: schemas/alert/Alert.v<N>.avsc.
import { defineContract } from './contract.ts';

export function alertTopic(brandId: string): string {
  return `alerts.${brandId}`;
}

/** Strings on the wire (so a new kind does not break old readers); these today. */
export type AlertKind =
  | 'volume_spike'
  | 'negative_surge'
  | 'influential_voice'
  | 'viral_post'
  | 'amplification_opportunity'
  | 'unanswered_question';
export const ALERT_KINDS: readonly AlertKind[] = [
  'volume_spike',
  'negative_surge',
  'influential_voice',
  'viral_post',
  'amplification_opportunity',
  'unanswered_question',
];

export type AlertSeverity = 'info' | 'warning' | 'critical';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

export interface Alert {
  /** Deterministic (brand, kind, window or mention), so a replay yields the same id. */
  id: string;
  brandId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** Epoch milliseconds UTC, inclusive. */
  windowStart: number;
  /** Epoch milliseconds UTC, exclusive. */
  windowEnd: number;
  observed: number;
  expected: number;
  mentionIds: string[];
  sampleTexts: string[];
  explanation: string;
  /** Epoch milliseconds UTC. */
  createdAt: number;
  /** source:handle behind a per-mention kind; null for window kinds. */
  author: string | null;
  url: string | null;
  /** Compound in [-1, 1]: the mention's, or the window's mean. */
  sentiment: number | null;
  influence: InfluenceScore | null;
  /**
   * Raised more than the brand's historyMinutes after the window ended (createdAt - windowEnd), e.g.
   * during a backfill: recorded on the topic, sent to webhooks only when the brand's pageHistory
   * is true. False in records written before v3.
   */
  historical: boolean;
}

/** An author's influence for one brand, in [0, 100], with the parts it is made of (each in [0, 1]). */
export interface InfluenceScore {
  score: number;
  reach: number;
  engagement: number;
  conversation: number;
  consistency: number;
  relevance: number;
  /** 'boost' or 'pin' when the brand lists the author; null otherwise. */
  listed: string | null;
}

export const alertContract = defineContract<Alert>('alert', 'Alert');
