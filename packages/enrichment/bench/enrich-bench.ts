// What one mention costs the enricher, and whether that depends on how much it remembers or on a
// spam flood. Prints figures; asserts nothing. Run with --expose-gc for heap figures after GC.
//
// Traffic is the demo generator's (@sl/generator: several sources, copies, spam, threads, the
// brands of examples/brands.yaml), the same as `npm run bench:pipeline` feeds the real enricher.
// One stream (seed 7) fills the enricher's state; another (seed 11) is the sample whose CPU time
// per mention is measured, the same sample at every state size:
//   1. pass-through (copying fields), the floor;
//   2. the sample after 10,000 mentions, then after 1,000,000, the enricher at its defaults (what
//      services/enricher configures), so every bounded memory is full by then;
//   3. a spam flood after 10,000 mentions: real spam comments (UCI YouTube Spam Collection, read
//      from ../shared/data, never copied here) naming a brand, each pasted thousands of times by
//      different authors with one word changed, against the sample at the same state size.
// Each case runs in a child process of its own that builds its input itself, so its peak RSS is
// that of one enricher's state plus the generator and the 20,000 input mentions (the pass-through
// child has everything but the state: modules, language tables, generator and input). Cases 2 and
// 3 run at the same time: each child fills its enricher, and all measure once all are filled, so
// their ratios compare like with like on a shared machine (the load average is printed). Each
// prints the collector's pauses while it measured (v8 GCProfiler), young generation and full.
// Sizes: `node bench/enrich-bench.ts [small] [large]` (default 10000 1000000).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadBrandsFile } from '@sl/brands';
import { type EnrichedMention, parseMentionInput, type RawMention, toRawMention } from '@sl/contracts';
import { createGenerator } from '@sl/generator';
import { createEnricher, type Enricher, type EnricherStateStats } from '../src/index.ts';
import { readVideo } from '../scripts/youtube-spam-data.ts';

const CHILD = process.argv[2] === '--case';
const SMALL = CHILD ? 0 : Number(process.argv[2] ?? 10_000);
const LARGE = CHILD ? 0 : Number(process.argv[3] ?? 1_000_000);
const SAMPLE = 20_000;
const FLOOD = 20_000;
/** Fixed event time, so every run generates the same mentions. */
const START_MS = Date.UTC(2026, 10, 2);

const brands = await loadBrandsFile(new URL('../../../examples/brands.yaml', import.meta.url).pathname, { updatedAt: 0 });
const gc = (globalThis as { gc?: () => void }).gc;

/** Calls `each` with `count` generated mentions, a minute of event time at a time (never all in memory). */
function generate(seed: number, count: number, each: (raw: RawMention, n: number) => void): void {
  const generator = createGenerator({ seed, ratePerSecond: 200 });
  let n = 0;
  for (let from = START_MS; n < count; from += 60_000) {
    for (const json of generator.history(from, from + 60_000)) {
      const parsed = parseMentionInput(json);
      if (!parsed.ok) throw new Error(`the generator made a mention the gateway would refuse: ${JSON.stringify(parsed.issues)}`);
      if (n === count) return;
      each(toRawMention(parsed.value, from), n++);
    }
  }
}

/**
 * Generated mentions renamed apart from the filling stream's (ids, source ids, parents, URLs): the
 * generator numbers posts the same way under every seed, and the sample's replies must find their
 * own posts, not the filling stream's.
 */
function renamedApart(raw: RawMention): RawMention {
  const rename = (value: string) =>
    /^https?:\/\//i.test(value)
      ? value.replace(/^(https?:\/\/)/i, '$1sample.')
      : /^[a-z][\w.-]*:[^/]/i.test(value)
        ? value.replace(':', ':s-')
        : `s-${value}`;
  return {
    ...raw,
    id: rename(raw.id),
    sourceId: rename(raw.sourceId),
    url: raw.url === null ? null : rename(raw.url),
    parentId: raw.parentId === null ? null : rename(raw.parentId),
  };
}

function sampleOf(seed: number, count: number): RawMention[] {
  const out: RawMention[] = [];
  generate(seed, count, (raw) => out.push(renamedApart(raw)));
  return out;
}

/** Copies of real spam comments, each naming a brand, one word changed per copy, one author each. */
function floodOf(count: number): RawMention[] {
  const spam = readVideo('Youtube01-Psy')
    .filter((c) => c.spam)
    .map((c) => c.text.replace(/\s+/g, ' ').trim())
    .filter((text) => text.split(' ').length >= 12)
    .slice(0, 5);
  return Array.from({ length: count }, (_, i) => ({
    id: `flood:${i}`,
    source: 'youtube',
    sourceId: `flood-${i}`,
    text: `Acme ${spam[i % spam.length]} ${i}`,
    title: null,
    url: null,
    lang: null,
    publishedAt: START_MS + i,
    ingestedAt: START_MS + i,
    author: { handle: `flooder${i}`, name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
  }));
}

function passThrough(raw: RawMention): EnrichedMention[] {
  return [
    {
      ...raw,
      brandId: 'acme',
      matchedTerms: [],
      isDuplicate: false,
      duplicateOf: null,
      spamScore: 0,
      spamReasons: [],
      detectedLang: null,
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
      spamThreshold: null,
    },
  ];
}

/** What a child process reports for its case. */
interface CaseResult {
  cpuPerMention: number;
  wallPerMention: number;
  /** Garbage collection pauses while measuring, µs per mention (wall time), young (scavenges) and full. */
  gcYoungPerMention: number;
  gcFullPerMention: number;
  in: number;
  out: number;
  /** After the case, after GC: heap used, array buffers (the index's typed arrays), RSS. */
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
  /** Peak RSS once the enricher was filled, before the measured input was built: state, generator, code. */
  peakRssFilled: number;
  /** Peak RSS at the end, the measured input included. */
  peakRss: number;
  state: EnricherStateStats | null;
}

/** CPU time (user + system) per mention, µs: the machine is shared, so wall time would count others' work. */
function measure(
  mentions: readonly RawMention[],
  handle: (raw: RawMention, origin: string) => EnrichedMention[],
): Pick<CaseResult, 'cpuPerMention' | 'wallPerMention' | 'gcYoungPerMention' | 'gcFullPerMention' | 'in' | 'out'> {
  // The collector's pauses, so the report can say how much of a state size's cost is collection.
  const collector = new GCProfiler();
  collector.start();
  let out = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < mentions.length; i++) out += handle(mentions[i] as RawMention, `bench:${i}`).length;
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  const pauses = collector.stop()?.statistics ?? [];
  const pauseUs = (young: boolean) =>
    pauses.filter((gc) => (gc.gcType === 'Scavenge' || gc.gcType === 'MinorMarkSweep') === young).reduce((sum, gc) => sum + gc.cost, 0) /
    mentions.length;
  return {
    cpuPerMention: (used.user + used.system) / mentions.length,
    wallPerMention: (wallMs * 1000) / mentions.length,
    gcYoungPerMention: pauseUs(true),
    gcFullPerMention: pauseUs(false),
    in: mentions.length,
    out,
  };
}

/** The enricher at its defaults (services/enricher passes only SL_THREAD_WAITING_CAPACITY, whose default is the package's). */
function filled(count: number): Enricher {
  const enricher = createEnricher({ brands });
  generate(7, count, (raw, n) => enricher.enrich(raw, `fill:${n}`));
  return enricher;
}

/**
 * Runs optimised code before the measured case: a throwaway enricher, streamed (nothing kept), in
 * a function of its own so that nothing of it is reachable once it returns.
 */
function warmUp(kind: string): void {
  const warm = filled(10_000);
  if (kind === 'flood') for (const [i, raw] of floodOf(FLOOD).entries()) warm.enrich(raw, `warm:${i}`);
  else generate(11, SAMPLE, (raw, n) => warm.enrich(renamedApart(raw), `warm:${n}`));
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * One case in this (child) process: `kind` is pass, sample or flood; `fill` mentions go in first.
 * The measured input is built only after the fill, so the peak RSS while filling is the
 * enricher's state with the generator and the code, nothing the bench keeps aside.
 */
function runCase(kind: string, fill: number): CaseResult {
  let enricher: Enricher | null = null;
  if (kind !== 'pass') {
    warmUp(kind);
    gc?.();
    enricher = filled(fill);
  }
  const peakRssFilled = peakRss();
  const input = kind === 'flood' ? floodOf(FLOOD) : sampleOf(11, SAMPLE);
  const handle = enricher === null ? passThrough : enricher.enrich;
  if (enricher === null) measure(input, passThrough);
  gc?.();
  // Filled and ready: the parent starts the measured cases together (it closes our stdin), so
  // they are measured under the same load from the others sharing the machine.
  if (enricher !== null) {
    writeSync(1, 'ready\n');
    readFileSync(0);
  }
  const figures = measure(input, handle);
  gc?.();
  const m = process.memoryUsage();
  return {
    ...figures,
    heapUsed: m.heapUsed,
    arrayBuffers: m.arrayBuffers,
    rss: m.rss,
    peakRssFilled,
    peakRss: peakRss(),
    state: enricher?.stateStats ?? null,
  };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const loadAverage = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} on ${availableParallelism()} cores`;

/**
 * The Node flags the enricher service starts with (its package.json's nodeOptions, as
 * infra/service-launch.ts reads them) and its environment, so a child's memory is the service's.
 */
const SERVICE_MANIFEST = fileURLToPath(new URL('../../../services/enricher/package.json', import.meta.url));
const serviceFlags = (JSON.parse(readFileSync(SERVICE_MANIFEST, 'utf8')) as { nodeOptions?: string[] }).nodeOptions ?? [];

const childArgs = (kind: string, fill: number) => [
  '--expose-gc',
  ...serviceFlags,
  fileURLToPath(import.meta.url),
  '--case',
  kind,
  String(fill),
];
const childEnv = { ...process.env, MALLOC_ARENA_MAX: '2' };

/** Runs the pass-through case in a child process of its own (the service's flags, plus --expose-gc). */
function passChild(): CaseResult {
  const run = spawnSync(process.execPath, childArgs('pass', 0), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: childEnv,
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`bench case pass failed: exit ${run.status} ${run.signal ?? ''}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as CaseResult;
}

/**
 * Starts every case at once, each in a child process of its own; each fills its enricher, says
 * "ready", and measures once all are ready (the machine is shared: cases measured one after the
 * other, minutes apart, saw different loads, and their ratio moved by ±30 % between runs).
 */
async function measuredTogether(cases: ReadonlyArray<{ kind: string; fill: number }>): Promise<CaseResult[]> {
  const children = cases.map(({ kind, fill }) => {
    const proc = spawn(process.execPath, childArgs(kind, fill), { stdio: ['pipe', 'pipe', 'inherit'], env: childEnv });
    let stdout = '';
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) markReady();
    });
    const done = new Promise<CaseResult>((resolve, reject) => {
      proc.on('close', (code, signal) => {
        if (code !== 0) reject(new Error(`bench case ${kind} ${fill} failed: exit ${code} ${signal ?? ''}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) as string) as CaseResult);
      });
    });
    return { proc, ready, done };
  });
  // A child that fails before it is ready must not leave the others waiting for ever.
  await Promise.race([Promise.all(children.map((c) => c.ready)), Promise.all(children.map((c) => c.done))]);
  for (const c of children) c.proc.stdin.end();
  return Promise.all(children.map((c) => c.done));
}

function report(name: string, result: CaseResult): void {
  say(
    `  ${name.padEnd(42)} ${result.cpuPerMention.toFixed(1).padStart(7)} µs CPU/mention ${result.wallPerMention.toFixed(1).padStart(7)} µs wall  (${result.in} in, ${result.out} out)`,
  );
  if (result.state !== null) {
    say(
      `    collector pauses while measuring: ${result.gcYoungPerMention.toFixed(1)} µs/mention young generation, ${result.gcFullPerMention.toFixed(1)} µs/mention full (wall time)`,
    );
  }
  say(
    `    child: peak RSS ${mb(result.peakRssFilled)} filled (state, generator, code), ${mb(result.peakRss)} with the input; after, heap ${mb(result.heapUsed)} + array buffers ${mb(result.arrayBuffers)}, RSS ${mb(result.rss)}`,
  );
  if (result.state !== null) say(`    state: ${JSON.stringify(result.state)}`);
}

if (CHILD) {
  say(JSON.stringify(runCase(process.argv[3] as string, Number(process.argv[4]))));
} else {
  say(
    `enrich: cost per mention by state size and under a spam flood (${brands.length} brands from examples/brands.yaml, enricher defaults, one child process per case with the service's flags ${serviceFlags.join(' ')}, CPU time)`,
  );
  const floor = passChild();
  report('pass-through (copy fields)', floor);
  say(`  the three cases below measured at the same time (each in its own child, started once all were filled); ${loadAverage()}`);
  const [atSmall, atFlood, atLarge] = (await measuredTogether([
    { kind: 'sample', fill: SMALL },
    { kind: 'flood', fill: SMALL },
    { kind: 'sample', fill: LARGE },
  ])) as [CaseResult, CaseResult, CaseResult];
  report(`sample after ${SMALL.toLocaleString('en')} mentions`, atSmall);
  report(`spam flood after ${SMALL.toLocaleString('en')} mentions`, atFlood);
  report(`sample after ${LARGE.toLocaleString('en')} mentions`, atLarge);
  say(`  measured; ${loadAverage()}`);
  say(
    `  ratio ${LARGE.toLocaleString('en')} / ${SMALL.toLocaleString('en')}: ${(atLarge.cpuPerMention / atSmall.cpuPerMention).toFixed(2)}x;  flood / sample: ${(atFlood.cpuPerMention / atSmall.cpuPerMention).toFixed(2)}x;  sample / pass-through: ${(atSmall.cpuPerMention / floor.cpuPerMention).toFixed(0)}x`,
  );
  say(
    `  peak RSS of the ${LARGE.toLocaleString('en')} child: ${mb(atLarge.peakRssFilled)} through the fill (enricher state, generator, code), ${mb(atLarge.peakRss)} with the 20,000-mention sample; pass-through child (code, generator, sample, no state): ${mb(floor.peakRss)}`,
  );
}
