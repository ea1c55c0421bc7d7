// Alert ids and the one line a person reads. Ids depend only on the input (brand, kind, window
// start or mention id), so a replayed partition or a restarted worker produces the same id and
// anyone downstream can drop a repeat.
import { type Alert, type AlertKind, type AlertSeverity, DEFAULT_ALERT_THRESHOLDS, type InfluenceScore } from '@sl/contracts';
import { formatUtcTime, MINUTE_MS } from './event-time.ts';

export function windowAlertId(brandId: string, kind: AlertKind, windowStart: number): string {
  return `${brandId}:${kind}:${new Date(windowStart).toISOString()}`;
}

export function mentionAlertId(brandId: string, kind: AlertKind, mentionId: string): string {
  return `${brandId}:${kind}:${mentionId}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function span(start: number, end: number): string {
  return `${formatUtcTime(start)}–${formatUtcTime(end)} UTC`;
}

export function fixed(value: number, digits = 1): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function influenceLine(influence: InfluenceScore): string {
  const part = (v: number) => Math.round(v * 100);
  const listed = influence.listed ? `, listed (${influence.listed})` : '';
  return `influence ${Math.round(influence.score)}/100: reach ${part(influence.reach)}, engagement ${part(influence.engagement)}, conversation ${part(influence.conversation)}, consistency ${part(influence.consistency)}, relevance ${part(influence.relevance)}${listed}`;
}

export interface AlertDraft {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  mentionIds: string[];
  sampleTexts: string[];
  explanation: string;
  author?: string | null;
  url?: string | null;
  sentiment?: number | null;
  influence?: InfluenceScore | null;
}

/** The brand's history threshold when the caller does not pass one: the Brand schema's default, ms. */
export const DEFAULT_HISTORY_MS = DEFAULT_ALERT_THRESHOLDS.historyMinutes * MINUTE_MS;

/**
 * An alert raised more than `historyMs` after its window ended is about the past (a backfill, a
 * replay of last month): it is still recorded, but the dispatcher does not page anyone for it
 * unless the brand asks. Exactly `historyMs` late is still live.
 */
export function isHistorical(windowEnd: number, createdAt: number, historyMs: number): boolean {
  return createdAt - windowEnd > historyMs;
}

/**
 * The Alert record for a draft. `historyMs` is the brand's alertThresholds.historyMinutes in ms;
 * `createdAt` is when the alert is raised (the worker's clock), compared with the window's end.
 */
export function buildAlert(brandId: string, draft: AlertDraft, createdAt: number, historyMs: number = DEFAULT_HISTORY_MS): Alert {
  return {
    id: draft.id,
    brandId,
    kind: draft.kind,
    severity: draft.severity,
    windowStart: draft.windowStart,
    windowEnd: draft.windowEnd,
    observed: draft.observed,
    expected: draft.expected,
    mentionIds: draft.mentionIds,
    sampleTexts: draft.sampleTexts,
    explanation: draft.explanation,
    createdAt,
    author: draft.author ?? null,
    url: draft.url ?? null,
    sentiment: draft.sentiment ?? null,
    influence: draft.influence ?? null,
    historical: isHistorical(draft.windowEnd, createdAt, historyMs),
  };
}
