// The embedded default's demo feed (@sl/generator): first a day and a bit of history, so the
// amplification worker's hour-of-day baseline is warm (volume_spike needs a day), then a live
// stream at SL_DEMO_RATE with scheduled events: an influential author, an unanswered question, a
// spike for Acme, a negative surge for Globex, a viral post, a positive story (timeline in
// docs/demo.md).
//
// The backfill follows @sl/generator's plan (backfill-plan.ts): half-window slices, each sent
// and read by the enricher before the next, the brand's answers after the questions they answer.
// mentions.raw spreads a request over 6 partitions and the enricher reads them one at a time, so
// without the waits a brand's history would reach the amplification worker out of event-time
// order: mentions for windows it had closed would not count, questions would fall due unanswered.
import fs from 'node:fs';
import { backfillStart, backfillWaves, createGenerator, DEMO_EVENTS, DEMO_HISTORY_MS, type Generator, type MentionJson, type TimelineEntry } from '@sl/generator';

export interface DemoFeedOptions {
  /** The gateway's POST /v1/mentions URL. */
  url: string;
  /** Mean mentions a second, live and in the history alike (±30 % over the day). */
  perSecond: number;
  /** How much history to backfill, ms. @default DEMO_HISTORY_MS (26 h) */
  historyMs?: number;
  /** @default drawn from the clock: every run writes new ids */
  seed?: number;
  /** Remembers how far the feed got, so the next start backfills only the gap. @default none */
  stateFile?: string;
  /** Progress of the backfill and the start of the live phase, one line each. */
  onProgress: (message: string) => void;
  onError: (message: string) => void;
}

export type DemoFeedPhase = 'backfill' | 'live' | 'stopped';

export interface DemoFeed {
  readonly posted: number;
  readonly failed: number;
  readonly phase: DemoFeedPhase;
  /** Scheduled events at their times; empty until the live phase starts. */
  timeline(): TimelineEntry[];
  stop(): Promise<void>;
}

const HOUR = 3_600_000;
/** Mentions per request: well under the gateway's 10,000-item and 10 MiB limits. */
const CHUNK = 2_000;
/** A wave the enricher has not read within this long is left behind, with a warning. */

interface FeedState {
  /** The end of the last range sent, epoch ms. */
  lastPublishedAt: number;
  perSecond: number;
}

function readState(file: string | undefined): FeedState | undefined {
  if (!file) return undefined;
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<FeedState>;
    return typeof state.lastPublishedAt === 'number' && typeof state.perSecond === 'number' ? { lastPublishedAt: state.lastPublishedAt, perSecond: state.perSecond } : undefined;
  } catch {
    return undefined;
  }
}

function writeState(file: string | undefined, lastPublishedAt: number | undefined, perSecond: number): void {
  if (!file || lastPublishedAt === undefined) return;
  fs.writeFileSync(file, `${JSON.stringify({ lastPublishedAt, perSecond, at: new Date(lastPublishedAt).toISOString() })}\n`);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export function startDemoFeed(options: DemoFeedOptions): DemoFeed {
  const historyMs = options.historyMs ?? DEMO_HISTORY_MS;
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const generator: Generator = createGenerator({ seed, ratePerSecond: options.perSecond, events: DEMO_EVENTS });
  const stopping = new AbortController();
  let posted = 0;
  let failed = 0;
  let phase: DemoFeedPhase = 'backfill';

  /** Posts in order, retrying a refused or failed request (ids are stable, so a repeat is safe) until stopped. */
  const post = async (mentions: readonly MentionJson[]) => {
    for (let i = 0; i < mentions.length; i += CHUNK) {
      const chunk = mentions.slice(i, i + CHUNK);
      for (let attempt = 1; ; attempt += 1) {
        const problem = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chunk) })
          .then(async (response) => (response.status === 202 ? undefined : `gateway answered ${response.status}: ${(await response.text()).slice(0, 200)}`))
          .catch((error: unknown) => (error as Error).message);
        if (problem === undefined) {
          posted += chunk.length;
          break;
        }
        // Each problem once; a request that keeps failing after a stop is given up on.
        if (attempt === 1) options.onError(`demo feed: ${problem}; retrying`);
        if (stopping.signal.aborted || attempt >= 30) {
          failed += chunk.length;
          options.onError(`demo feed: gave up on ${chunk.length} mentions after ${attempt} attempts`);
          break;
        }
        await sleep(Math.min(5_000, 250 * attempt), stopping.signal);
      }
    }
  };

  const backfill = async () => {
    const started = Date.now();
    const previous = readState(options.stateFile);
    if (previous && previous.perSecond !== options.perSecond) {
      options.onError(`demo feed: the last run fed ${previous.perSecond}/s, this one ${options.perSecond}/s: the brands' baselines expect the old rate, so expect volume alerts (or start afresh: remove ${options.stateFile} with the data directory)`);
    }
    const from = backfillStart(started, historyMs, previous?.lastPublishedAt);
    options.onProgress(
      `demo feed: backfilling ${((started - from) / HOUR).toFixed(1)} h of history (${new Date(from).toISOString().slice(0, 16)}Z to now) at ${options.perSecond}/s on average, as fast as the gateway takes it ...`,
    );
    let sent = 0;
    let reported = 0;
    for (const wave of backfillWaves(generator, from, started)) {
      if (stopping.signal.aborted) return;
      await post(wave.mentions);
      sent += wave.mentions.length;
      const percent = Math.floor(((wave.until - from) * 100) / (started - from));
      if (percent >= reported + 10) {
        reported = percent - (percent % 10);
        options.onProgress(`demo feed: history ${reported}% (${sent.toLocaleString('en-US')} mentions, up to ${new Date(wave.until).toISOString().slice(0, 16)}Z)`);
      }
    }
    // Catch up with the clock (the backfill took a while), the same way.
    for (let now = Date.now(); !stopping.signal.aborted && (generator.cursor ?? now) < now - 1_000; now = Date.now()) {
      for (const wave of backfillWaves(generator, generator.cursor ?? now, now)) {
        if (stopping.signal.aborted) return;
        await post(wave.mentions);
        sent += wave.mentions.length;
      }
    }
    options.onProgress(`demo feed: history done: ${sent.toLocaleString('en-US')} mentions in ${Math.round((Date.now() - started) / 1000)} s`);
  };

  const live = async () => {
    phase = 'live';
    let lastSaved = Date.now();
    while (!stopping.signal.aborted) {
      const now = Date.now();
      const mentions = generator.tick(now);
      announce();
      await post(mentions);
      if (now - lastSaved > 10_000) {
        writeState(options.stateFile, generator.cursor, options.perSecond);
        lastSaved = now;
      }
      await sleep(Math.max(0, 1_000 - (Date.now() - now)), stopping.signal);
    }
  };

  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    const start = generator.start ?? Date.now();
    const at = (t: number) => {
      const s = Math.round((t - start) / 1000);
      return `+${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    };
    options.onProgress(`demo feed: live at ${options.perSecond}/s on average. Coming up (docs/demo.md):`);
    for (const event of generator.timeline()) options.onProgress(`  ${at(event.at)}  ${event.brand.padEnd(8)} ${event.description} -> ${event.expectedAlert}`);
  };

  const running = (async () => {
    try {
      await backfill();
      if (!stopping.signal.aborted) await live();
    } catch (error) {
      options.onError(`demo feed stopped: ${(error as Error).message}`);
    } finally {
      writeState(options.stateFile, generator.cursor, options.perSecond);
      phase = 'stopped';
    }
  })();

  return {
    get posted() {
      return posted;
    },
    get failed() {
      return failed;
    },
    get phase() {
      return phase;
    },
    timeline: () => generator.timeline(),
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
