// Matches the alerts an engine raised on a scenario to the events planted in it. An event is found
// by an alert of its kind and brand whose window overlaps the event's (window kinds) or whose
// mentionIds name one of the event's mentions (mention kinds). Every alert counts, as raised: a
// second alert on a found event is a duplicate (even with the same id), an alert matching no event
// is a false positive, and one inside a planted decoy is reported with the decoy's reason.
import { ALERT_KINDS, type Alert, type AlertKind } from '@sl/contracts';
import { type InjectedEvent, MENTION_KINDS, type QuietSpan, type Scenario } from './scenario.ts';

export interface KindScore {
  kind: AlertKind;
  events: number;
  /** Events with at least one alert. */
  found: number;
  /** Alerts beyond the first on an event. */
  duplicates: number;
  /** Alerts matching no event. */
  falsePositives: number;
  alerts: number;
}

export interface FalseAlarm {
  alert: Alert;
  /** The decoy it fell for, when it lies in one. */
  quietReason: string | null;
}

export interface DuplicatedEvent {
  event: InjectedEvent;
  alerts: Alert[];
}

export interface ScenarioScore {
  perKind: Record<AlertKind, KindScore>;
  misses: InjectedEvent[];
  duplicated: DuplicatedEvent[];
  falseAlarms: FalseAlarm[];
  /** Alerts whose id had already been raised in the same run. */
  reraisedIds: number;
}

export function emptyKindScores(): Record<AlertKind, KindScore> {
  return Object.fromEntries(
    ALERT_KINDS.map((kind) => [kind, { kind, events: 0, found: 0, duplicates: 0, falsePositives: 0, alerts: 0 }]),
  ) as Record<AlertKind, KindScore>;
}

export function addKindScore(into: KindScore, from: KindScore): void {
  into.events += from.events;
  into.found += from.found;
  into.duplicates += from.duplicates;
  into.falsePositives += from.falsePositives;
  into.alerts += from.alerts;
}

/** found / events; null when nothing was planted. */
export function recall(s: KindScore): number | null {
  return s.events === 0 ? null : s.found / s.events;
}

/** Share of alerts that were the first on an event (duplicates and false positives count against it); null when none was raised. */
export function precision(s: KindScore): number | null {
  return s.alerts === 0 ? null : (s.alerts - s.duplicates - s.falsePositives) / s.alerts;
}

function matches(event: InjectedEvent, alert: Alert): boolean {
  if (alert.kind !== event.kind || alert.brandId !== event.brandId) return false;
  if (MENTION_KINDS.includes(event.kind)) return (event.mentionIds ?? []).some((id) => alert.mentionIds.includes(id));
  const start = event.windowStart ?? event.at;
  const end = event.windowEnd ?? event.at + 1;
  return alert.windowStart < end && alert.windowEnd > start;
}

function quietReason(quiet: readonly QuietSpan[], alert: Alert): string | null {
  const span = quiet.find((q) => q.brandId === alert.brandId && alert.windowStart < q.end && alert.windowEnd > q.start);
  return span ? span.reason : null;
}

export function scoreAlerts(scenario: Pick<Scenario, 'events' | 'quiet'>, alerts: readonly Alert[]): ScenarioScore {
  const perKind = emptyKindScores();
  const matched = new Map<InjectedEvent, Alert[]>();
  const falseAlarms: FalseAlarm[] = [];
  const seenIds = new Set<string>();
  let reraisedIds = 0;
  for (const alert of alerts) {
    if (seenIds.has(alert.id)) reraisedIds++;
    seenIds.add(alert.id);
    perKind[alert.kind].alerts++;
    const events = scenario.events.filter((e) => matches(e, alert));
    if (events.length === 0) {
      perKind[alert.kind].falsePositives++;
      falseAlarms.push({ alert, quietReason: quietReason(scenario.quiet, alert) });
      continue;
    }
    // An alert naming two events (one window over two planted spans) finds both but is one alert.
    let counted = false;
    for (const event of events) {
      const list = matched.get(event) ?? [];
      list.push(alert);
      matched.set(event, list);
      if (list.length > 1 && !counted) {
        perKind[alert.kind].duplicates++;
        counted = true;
      }
    }
  }
  const misses: InjectedEvent[] = [];
  const duplicated: DuplicatedEvent[] = [];
  for (const event of scenario.events) {
    perKind[event.kind].events++;
    const list = matched.get(event);
    if (!list) misses.push(event);
    else {
      perKind[event.kind].found++;
      if (list.length > 1) duplicated.push({ event, alerts: list });
    }
  }
  return { perKind, misses, duplicated, falseAlarms, reraisedIds };
}

/** What "the same alerts" means across arrival orders: id, figures and evidence (mention ids as a set). */
export function alertFingerprint(alert: Alert): string {
  return `${alert.id}|${alert.observed}|${alert.expected}|${[...alert.mentionIds].sort().join(',')}`;
}

/** The multiset of fingerprints, sorted: equal strings mean equal alert sets. */
export function alertSetKey(alerts: readonly Alert[]): string[] {
  return alerts.map(alertFingerprint).sort();
}
