// Alert ids and the one line a person reads. Ids depend only on the input (brand, kind, window
// start or mention id), so a replayed partition or a restarted worker produces the same id and
// anyone downstream can drop a repeat.
import type { Alert, AlertKind, AlertSeverity, InfluenceScore } from '@sl/contracts';
import { formatUtcTime } from './event-time.ts';

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

export function buildAlert(brandId: string, draft: AlertDraft, createdAt: number): Alert {
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
  };
}
