// Collects scores over scenarios and arrival orders and prints what an engineer acts on: precision
// and recall per alert kind and per order, totals per split, whether every order gave the same
// alerts, and each miss, duplicate and false alarm with its scenario, kind and time.
import { ALERT_KINDS, type Alert, type AlertKind } from '@sl/contracts';
import type { InjectedEvent, Split } from './scenario.ts';
import { addKindScore, emptyKindScores, type KindScore, precision, recall, type ScenarioScore } from './score-alerts.ts';

interface Finding {
  scenario: string;
  key: string;
  line: string;
  orders: Set<string>;
}

export interface OrderComparison {
  scenario: string;
  /** Alerts raised per order. */
  counts: Map<string, number>;
  /** Orders whose alerts differ from the reference order, with what differs. */
  differences: Map<string, string>;
}

const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');

function eventLine(e: InjectedEvent): string {
  const when =
    e.windowStart !== undefined && e.windowEnd !== undefined ? `${iso(e.windowStart)}..${iso(e.windowEnd).slice(11)}` : iso(e.at);
  return `${e.kind.padEnd(26)}${e.brandId.padEnd(20)}${when}  ${e.note}${e.mentionIds ? `  [${e.mentionIds.join(' ')}]` : ''}`;
}

function alertLine(a: Alert): string {
  const evidence = a.mentionIds.length === 1 ? `  [${a.mentionIds[0]}]` : `  (${a.mentionIds.length} mentions)`;
  const sample =
    a.sampleTexts[0] === undefined ? '' : `  "${a.sampleTexts[0].length > 90 ? `${a.sampleTexts[0].slice(0, 87)}...` : a.sampleTexts[0]}"`;
  return `${a.kind.padEnd(26)}${a.brandId.padEnd(20)}${iso(a.windowStart)}..${iso(a.windowEnd).slice(11)}  observed ${a.observed} expected ${a.expected}${evidence}${sample}`;
}

export class SuiteReport {
  private readonly orders: readonly string[];
  /** split -> order -> kind */
  private readonly totals = new Map<Split, Map<string, Record<AlertKind, KindScore>>>();
  private readonly misses = new Map<string, Finding>();
  private readonly duplicates = new Map<string, Finding>();
  private readonly falseAlarms = new Map<string, Finding>();
  private readonly comparisons: OrderComparison[] = [];
  private readonly problems: string[] = [];
  private reraised = 0;

  constructor(orders: readonly string[]) {
    this.orders = orders;
  }

  private cell(split: Split, order: string): Record<AlertKind, KindScore> {
    const bySplit = this.totals.get(split) ?? new Map<string, Record<AlertKind, KindScore>>();
    this.totals.set(split, bySplit);
    const scores = bySplit.get(order) ?? emptyKindScores();
    bySplit.set(order, scores);
    return scores;
  }

  private note(into: Map<string, Finding>, scenario: string, key: string, line: string, order: string): void {
    const id = `${scenario}|${key}`;
    const finding = into.get(id) ?? { scenario, key, line, orders: new Set<string>() };
    finding.orders.add(order);
    into.set(id, finding);
  }

  add(scenario: string, split: Split, order: string, score: ScenarioScore): void {
    const cell = this.cell(split, order);
    for (const kind of ALERT_KINDS) addKindScore(cell[kind], score.perKind[kind]);
    this.reraised += score.reraisedIds;
    for (const e of score.misses)
      this.note(this.misses, scenario, `${e.kind}|${e.brandId}|${e.at}|${e.mentionIds?.[0] ?? ''}`, eventLine(e), order);
    for (const d of score.duplicated)
      this.note(
        this.duplicates,
        scenario,
        `${d.event.kind}|${d.event.brandId}|${d.event.at}`,
        `${eventLine(d.event)}  (${d.alerts.length} alerts: ${[...new Set(d.alerts.map((a) => a.id))].join(' ')})`,
        order,
      );
    for (const f of score.falseAlarms)
      this.note(this.falseAlarms, scenario, `${f.alert.id}`, `${alertLine(f.alert)}${f.quietReason ? `  <- ${f.quietReason}` : ''}`, order);
  }

  compare(comparison: OrderComparison): void {
    this.comparisons.push(comparison);
  }

  problem(scenario: string, problems: string[]): void {
    for (const p of problems) this.problems.push(`${scenario}: ${p}`);
  }

  private static row(label: string, s: KindScore): string {
    const figure = (x: number | null) => (x === null ? '—' : x.toFixed(3)).padStart(10);
    return `${label}${String(s.events).padStart(7)}${String(s.found).padStart(7)}${String(s.duplicates).padStart(6)}${String(s.falsePositives).padStart(6)}${figure(precision(s))}${figure(recall(s))}`;
  }

  private static header(label: string): string {
    return `${label}${'events'.padStart(7)}${'found'.padStart(7)}${'dup'.padStart(6)}${'FP'.padStart(6)}${'precision'.padStart(10)}${'recall'.padStart(10)}`;
  }

  private sum(filter: (split: Split, order: string, kind: AlertKind) => boolean): KindScore {
    const total: KindScore = { kind: 'volume_spike', events: 0, found: 0, duplicates: 0, falsePositives: 0, alerts: 0 };
    for (const [split, byOrder] of this.totals) {
      for (const [order, scores] of byOrder)
        for (const kind of ALERT_KINDS) if (filter(split, order, kind)) addKindScore(total, scores[kind]);
    }
    return total;
  }

  private findings(title: string, list: Map<string, Finding>, limit: number): string[] {
    const out = [`\n${title}: ${list.size}${list.size === 0 ? '' : ' (orders where it happened in brackets)'}`];
    const sorted = [...list.values()].sort((a, b) =>
      a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : a.line < b.line ? -1 : 1,
    );
    for (const f of sorted.slice(0, limit)) {
      const where = f.orders.size === this.orders.length ? 'all orders' : [...f.orders].join(', ');
      out.push(`  ${f.scenario.padEnd(24)}${f.line}  [${where}]`);
    }
    if (sorted.length > limit) out.push(`  … ${sorted.length - limit} more (--all prints them)`);
    return out;
  }

  render(limit: number): string {
    const out: string[] = [];
    const splits = ([...this.totals.keys()] as Split[]).sort();
    out.push('\nPer alert kind and arrival order (all scenarios):');
    out.push(SuiteReport.header(`${'kind'.padEnd(27)}${'order'.padEnd(19)}`));
    for (const kind of ALERT_KINDS) {
      for (const order of this.orders)
        out.push(
          SuiteReport.row(
            `${kind.padEnd(27)}${order.padEnd(19)}`,
            this.sum((_, o, k) => o === order && k === kind),
          ),
        );
    }
    out.push('\nPer split, every kind, per arrival order:');
    out.push(SuiteReport.header(`${'split'.padEnd(10)}${'order'.padEnd(36)}`));
    for (const split of splits) {
      for (const order of this.orders)
        out.push(
          SuiteReport.row(
            `${split.padEnd(10)}${order.padEnd(36)}`,
            this.sum((s, o) => s === split && o === order),
          ),
        );
      out.push(
        SuiteReport.row(
          `${split.padEnd(10)}${'all orders'.padEnd(36)}`,
          this.sum((s) => s === split),
        ),
      );
    }
    out.push('\nPer split and kind, all orders:');
    out.push(SuiteReport.header(`${'split'.padEnd(10)}${'kind'.padEnd(36)}`));
    for (const split of splits) {
      for (const kind of ALERT_KINDS)
        out.push(
          SuiteReport.row(
            `${split.padEnd(10)}${kind.padEnd(36)}`,
            this.sum((s, _, k) => s === split && k === kind),
          ),
        );
    }
    out.push(`\nAlerts raised again with an id already raised in the same run: ${this.reraised}`);
    out.push('\nSame alerts in every order (id, observed, expected, mention ids):');
    for (const c of this.comparisons) {
      const counts = [...c.counts].map(([o, n]) => `${o} ${n}`).join(', ');
      out.push(`  ${c.scenario.padEnd(26)}${c.differences.size === 0 ? 'yes' : 'NO '}  (${counts})`);
      for (const [order, what] of c.differences) out.push(`      ${order}: ${what}`);
    }
    out.push(...this.findings('Misses (planted events no alert found)', this.misses, limit));
    out.push(...this.findings('Duplicates (events alerted more than once)', this.duplicates, limit));
    out.push(...this.findings('False alarms (alerts matching no planted event)', this.falseAlarms, limit));
    if (this.problems.length > 0) {
      out.push(`\nScenario problems (the suite's own fault, fix before trusting the figures): ${this.problems.length}`);
      for (const p of this.problems.slice(0, limit)) out.push(`  ${p}`);
    }
    return out.join('\n');
  }
}
