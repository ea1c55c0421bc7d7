// How fresh the dashboard's numbers are: "complete up to T" means every mention the pipeline
// received by T is in the rollups the dashboard reads. T is the ingest watermark measured through
// every stage up to the aggregation worker (packages/kafka/src/ingest-watermark.ts): that worker
// commits its offsets only once a flush's files are durable, so when its group has committed past
// the ends a probe took at T, everything ingested by T is in the object store. Over an S3 bucket
// the dashboard reads a local copy: there T is the watermark measured before the newest copy that
// succeeded began, since files written later may not be in the copy yet. What is published before
// T but received after it still arrives: those rows are the funnel's "+N late".
import type { Logger } from '@sl/observability';

export interface Freshness {
  /** Epoch ms up to which the numbers are complete; null until measured (or with no broker). */
  completeUpTo(): number | null;
  /** A line for the page and /healthz: how it is measured, or why it is not. */
  detail(): string;
}

export interface FreshnessTracker extends Freshness {
  /** A new measurement of the pipeline's watermark over what is written to the object store. */
  measured(watermark: number | null): void;
  /** Before a copy of the bucket starts; call the result once that copy succeeded. */
  copyStarting(): () => void;
}

export interface FreshnessOptions {
  /** The dashboard reads a copy of the store (an S3 bucket), not the store itself. */
  copied: boolean;
  /** What the watermark follows, for the detail line, e.g. "enricher, sentiment-worker, aggregation-worker". */
  following: string;
}

export function createFreshness(options: FreshnessOptions): FreshnessTracker {
  let written: number | null = null;
  let copied: number | null = null;
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  const complete = () => (options.copied ? copied : written);
  return {
    measured(watermark) {
      // A watermark never goes back; a failed measurement (null) keeps the last one.
      written = max(written, watermark);
    },
    copyStarting() {
      const before = written;
      return () => {
        copied = max(copied, before);
      };
    },
    completeUpTo: complete,
    detail() {
      if (complete() === null) {
        return written === null
          ? `not measured yet: waiting for the ingest watermark through ${options.following}`
          : 'measured, waiting for the next copy of the bucket';
      }
      return `every mention received by then is in the rollups read (ingest watermark through ${options.following}${options.copied ? ', as of the last copy of the bucket' : ''})`;
    },
  };
}

/** The freshness of a dashboard with no broker to measure on. */
export const unmeasuredFreshness: Freshness = {
  completeUpTo: () => null,
  detail: () => 'not measured: this dashboard has no broker to follow the pipeline on',
};

export interface WatermarkPollingOptions {
  measure: () => Promise<number | null>;
  tracker: FreshnessTracker;
  /** @default 5_000 ms */
  intervalMs?: number;
  logger: Logger;
}

/** Measures on a timer, one measurement at a time; a failure is logged once until one succeeds. */
export function pollWatermark(options: WatermarkPollingOptions): { stop(): void } {
  const log = options.logger.child({ component: 'freshness' });
  let running = false;
  let failing = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      options.tracker.measured(await options.measure());
      if (failing) log.info('ingest watermark measured again');
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ err: error }, 'could not measure the ingest watermark; "complete up to" stays where it was');
      failing = true;
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
