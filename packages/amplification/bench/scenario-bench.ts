// Measures the alert engine on a scenario suite written without reading the engine or the demo
// generator (packages/amplification/scenarios): 22 scenarios, brands from ~10 to ~100,000
// mentions a day, 3-10 days each, every alert kind planted, and traffic that must not alert (a
// weekly rhythm, a slow trend, a busy author, a spam burst, copies, a silent day, answered
// questions). Every scenario runs in every arrival order of the engine's harness. The engine may
// be tuned on the `tune` split only; `holdout` is reported apart.
//
// Run: node packages/amplification/bench/scenario-bench.ts [--split tune|holdout]
//        [--scenario <part of a name>] [--except <part of a name>] [--orders sorted-paced,shuffled]
//        [--jobs 2] [--results run.jsonl] [--all]
// --jobs runs scenario x order pairs in that many worker threads (default 1; each builds its
// scenario itself, the results are the same; the 100,000-a-day scenario takes ~5 GB per thread).
// --results appends each scenario x order result to a JSON-lines file as it lands and reuses the
// ones already there, so a long run can be resumed or assembled from several runs.
// Progress goes to stderr, the report to stdout.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { Alert } from '@sl/contracts';
import { SCENARIOS, scenarioRecipe } from '../scenarios/catalogue.ts';
import { scenarioProblems } from '../scenarios/check-scenario.ts';
import type { InjectedEvent, QuietSpan, Split } from '../scenarios/scenario.ts';
import { alertSetKey, scoreAlerts } from '../scenarios/score-alerts.ts';
import { type OrderComparison, SuiteReport } from '../scenarios/suite-report.ts';
import { ARRIVAL_ORDERS, type ArrivalOrder, alertsInOrder } from '../src/testing/arrival-orders.ts';

interface Unit {
  scenario: string;
  order: ArrivalOrder;
  /** Check the scenario itself too (once per scenario). */
  check: boolean;
}

interface UnitResult extends Unit {
  split: Split;
  mentions: number;
  events: InjectedEvent[];
  quiet: QuietSpan[];
  problems: string[];
  alerts: Alert[];
  seconds: number;
}

/** The harness's shuffle and crash seed, fixed per scenario so a rerun is the same run. */
function seedOf(name: string): number {
  let h = 17;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return h;
}

function runUnit(unit: Unit): UnitResult {
  const scenario = scenarioRecipe(unit.scenario).build();
  const problems = unit.check ? scenarioProblems(scenario) : [];
  const t0 = performance.now();
  const alerts = alertsInOrder({ brands: scenario.brands, mentions: scenario.mentions }, unit.order, { seed: seedOf(scenario.name) });
  const seconds = (performance.now() - t0) / 1000;
  return {
    ...unit,
    split: scenario.split,
    mentions: scenario.mentions.length,
    events: scenario.events,
    quiet: scenario.quiet,
    problems,
    alerts,
    seconds,
  };
}

if (!isMainThread) {
  parentPort?.on('message', (unit: Unit) => parentPort?.postMessage(runUnit(unit)));
} else {
  await main();
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** What differs between two runs' alerts, as "+n -m vs <reference>". */
function difference(reference: string[], other: string[], referenceOrder: string): string | null {
  const counts = new Map<string, number>();
  for (const k of reference) counts.set(k, (counts.get(k) ?? 0) + 1);
  const extra: string[] = [];
  for (const k of other) {
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else extra.push(k);
  }
  const missing = [...counts].flatMap(([k, n]) => Array.from({ length: n }, () => k));
  if (extra.length === 0 && missing.length === 0) return null;
  const sample = (list: string[]) => (list[0] ?? '').split('|')[0];
  return `+${extra.length} -${missing.length} vs ${referenceOrder}${extra.length ? ` (extra e.g. ${sample(extra)})` : ''}${missing.length ? ` (missing e.g. ${sample(missing)})` : ''}`;
}

/** Runs the units on `jobs` worker threads (inline when 1), handing each result over as it lands. */
async function runAll(units: Unit[], jobs: number, onResult: (r: UnitResult) => void): Promise<void> {
  if (jobs <= 1) {
    for (const unit of units) onResult(runUnit(unit));
    return;
  }
  const queue = [...units];
  await Promise.all(
    Array.from({ length: Math.min(jobs, units.length) }, async () => {
      const worker = new Worker(new URL(import.meta.url));
      try {
        for (let unit = queue.shift(); unit; unit = queue.shift()) {
          const current = unit;
          const result = await new Promise<UnitResult>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(current);
          });
          worker.removeAllListeners('error');
          onResult(result);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
}

async function main(): Promise<void> {
  const split = option('split');
  const only = option('scenario');
  const except = option('except');
  const resultsFile = option('results');
  const jobs = Number(option('jobs') ?? 1);
  const orders = (option('orders')?.split(',') ?? [...ARRIVAL_ORDERS]) as ArrivalOrder[];
  for (const order of orders)
    if (!ARRIVAL_ORDERS.includes(order)) throw new Error(`unknown order ${order} (have: ${ARRIVAL_ORDERS.join(', ')})`);
  const limit = process.argv.includes('--all') ? Number.POSITIVE_INFINITY : 60;
  const recipes = SCENARIOS.filter(
    (r) => (!split || r.split === split) && (!only || r.name.includes(only)) && (!except || !r.name.includes(except)),
  );
  if (recipes.length === 0) throw new Error('no scenario matches');

  const report = new SuiteReport(orders);
  const started = performance.now();
  const pending = new Map<string, UnitResult[]>();
  const perScenario = new Map<string, string>();
  const comparisons = new Map<string, OrderComparison>();
  const units = recipes.flatMap((r) => orders.map((order, i) => ({ scenario: r.name, order, check: i === 0 })));
  const saved = new Map<string, UnitResult>();
  if (resultsFile && existsSync(resultsFile)) {
    for (const line of readFileSync(resultsFile, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as UnitResult;
      saved.set(`${r.scenario}|${r.order}`, r);
    }
  }
  let done = 0;

  const finish = (name: string, results: UnitResult[]) => {
    results.sort((a, b) => orders.indexOf(a.order) - orders.indexOf(b.order));
    const first = results[0] as UnitResult;
    const keys = new Map<string, string[]>();
    const counts = new Map<string, number>();
    const cells: string[] = [];
    for (const r of results) {
      report.problem(name, r.problems);
      const score = scoreAlerts(r, r.alerts);
      report.add(name, r.split, r.order, score);
      keys.set(r.order, alertSetKey(r.alerts));
      counts.set(r.order, r.alerts.length);
      const found = Object.values(score.perKind).reduce((a, s) => a + s.found, 0);
      const duplicates = Object.values(score.perKind).reduce((a, s) => a + s.duplicates, 0);
      cells.push(
        `${found}/${r.events.length}${duplicates ? ` +${duplicates}d` : ''}${score.falseAlarms.length ? ` ${score.falseAlarms.length}fp` : ''}`,
      );
    }
    const reference = keys.get(first.order) ?? [];
    const differences = new Map<string, string>();
    for (const r of results.slice(1)) {
      const what = difference(reference, keys.get(r.order) ?? [], first.order);
      if (what) differences.set(r.order, what);
    }
    comparisons.set(name, { scenario: name, counts, differences });
    perScenario.set(
      name,
      `  ${name.padEnd(26)}${first.split.padEnd(9)}${first.mentions.toLocaleString('en').padStart(9)}${String(first.events.length).padStart(4)}   ${cells.join(' | ')}`,
    );
  };

  const onResult = (r: UnitResult, fresh: boolean) => {
    done++;
    if (fresh && resultsFile) appendFileSync(resultsFile, `${JSON.stringify(r)}\n`);
    const score = scoreAlerts(r, r.alerts);
    const found = Object.values(score.perKind).reduce((a, s) => a + s.found, 0);
    process.stderr.write(
      `[${done}/${units.length}] ${r.scenario} (${r.split}, ${r.mentions.toLocaleString('en')} mentions) ${r.order}: ${r.alerts.length} alerts, found ${found}/${r.events.length}, FP ${score.falseAlarms.length}${r.problems.length ? `, ${r.problems.length} SCENARIO PROBLEMS` : ''} (${r.seconds.toFixed(1)} s, ${((performance.now() - started) / 1000).toFixed(0)} s in)\n`,
    );
    const list = [...(pending.get(r.scenario) ?? []), r];
    pending.set(r.scenario, list);
    if (list.length === orders.length) {
      pending.delete(r.scenario);
      finish(r.scenario, list);
    }
  };
  const toRun = units.filter((u) => !saved.has(`${u.scenario}|${u.order}`));
  process.stderr.write(
    `${recipes.length} scenarios x ${orders.length} orders: ${toRun.length} to run on ${jobs} thread(s), ${units.length - toRun.length} from ${resultsFile}\n`,
  );
  for (const u of units) {
    const r = saved.get(`${u.scenario}|${u.order}`);
    if (r) onResult(r, false);
  }
  await runAll(toRun, jobs, (r) => onResult(r, true));

  console.log(
    `Scenario suite: ${recipes.length} scenarios, ${orders.length} arrival orders, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log('An event is found by an alert of its kind and brand whose window overlaps it (volume_spike, negative_surge)');
  console.log('or whose mentionIds name its mention (the rest). precision = alerts that were the first on an event / all alerts.');
  console.log(`\nPer scenario, found/events (+duplicates, false positives) per order: ${orders.join(' | ')}`);
  for (const r of recipes) {
    console.log(perScenario.get(r.name));
    const comparison = comparisons.get(r.name);
    if (comparison) report.compare(comparison);
  }
  console.log(report.render(limit));
}
