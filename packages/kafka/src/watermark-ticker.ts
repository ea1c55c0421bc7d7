// Writes watermark ticks into the input partitions that need one. Every interval it measures the
// ingest watermark (ingest-watermark.ts); a partition gets a tick when the watermark moved past
// its last tick and its state has something the new watermark would release (or its state is not
// loaded yet: the tick's batch loads it). A quiet pipeline so writes a tick when a window is due
// to close, not every interval. Ticks are plain idempotent writes: a lost one is replaced by the
// next, and a repeated one changes nothing.
import type { Logger } from '@sl/observability';
import { watermarkTickMessage } from './control-record.ts';
import type { EncodedMessage } from './typed-producer.ts';

export interface TickablePartition {
  partition: number;
  /** The partition's state, undefined when not loaded in this process. */
  engine: { wouldAdvance(ingestWatermark: number): boolean } | undefined;
}

export interface WatermarkTickerOptions {
  intervalMs: number;
  logger: Logger;
  /** Measures the ingest watermark; null until known. */
  measure: () => Promise<number | null>;
  /** The partitions this process owns now. */
  partitions: () => TickablePartition[];
  write: (ticks: EncodedMessage[]) => Promise<void>;
  onWatermark?: (ingestWatermark: number) => void;
  /** Written into every tick: the most held mentions it releases (control-record.ts). @default no bound */
  maxJudged?: number;
}

export interface WatermarkTicker {
  /** One round: measure, decide, write. Exposed for tests; the ticker runs rounds by itself. */
  round(): Promise<EncodedMessage[]>;
  lastWatermark(): number | null;
  stop(): Promise<void>;
}

export function tickWatermarks(options: WatermarkTickerOptions): WatermarkTicker {
  const log = options.logger.child({ component: 'watermark-ticker' });
  const lastTick = new Map<number, number>();
  let watermark: number | null = null;
  let stopped = false;
  let failures = 0;
  let wake: (() => void) | undefined;

  const round = async (): Promise<EncodedMessage[]> => {
    const measured = await options.measure();
    if (measured === null) return [];
    watermark = measured;
    options.onWatermark?.(measured);
    const ticks: EncodedMessage[] = [];
    for (const { partition, engine } of options.partitions()) {
      if ((lastTick.get(partition) ?? Number.NEGATIVE_INFINITY) >= measured) continue;
      if (engine && !engine.wouldAdvance(measured)) continue;
      ticks.push({ ...watermarkTickMessage(measured, options.maxJudged), partition });
    }
    if (ticks.length > 0) {
      await options.write(ticks);
      for (const tick of ticks) if (tick.partition !== undefined) lastTick.set(tick.partition, measured);
    }
    return ticks;
  };

  const loop = (async () => {
    while (!stopped) {
      // Rounds start every interval (not an interval after the last one ended): the watermark's
      // lag is then at most one interval plus a round, whatever the round costs.
      const startedAt = performance.now();
      try {
        await round();
        if (failures > 0) log.info({ failures }, 'watermark ticks flowing again');
        failures = 0;
      } catch (err) {
        failures += 1;
        // The broker may be away; the next round tries again and no tick is owed.
        if (failures === 1 || failures % 100 === 0) log.warn({ err, failures }, 'could not measure the watermark or write ticks');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, options.intervalMs - (performance.now() - startedAt)));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    round,
    lastWatermark: () => watermark,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
