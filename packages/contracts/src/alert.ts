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
}

export const alertContract = defineContract<Alert>('alert', 'Alert');
