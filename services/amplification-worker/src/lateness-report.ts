// Late mentions, counted and logged: the engine keeps running totals per brand in its state; this
// turns their growth into counter increments and one log line per brand every half minute, so a
// backfill behind the watermark is visible without a line per mention.
import type { BrandLateness } from '@sl/amplification';
import { Counter, Gauge, type Logger, type Registry } from '@sl/observability';

const LOG_EVERY_MS = 30_000;

export interface LatenessReport {
  observe(partition: number, brands: readonly BrandLateness[]): void;
}

export function createLatenessReport(options: { logger: Logger; registry: Registry }): LatenessReport {
  const log = options.logger.child({ component: 'lateness' });
  const late = new Counter({
    name: 'sl_amplification_late_mentions_total',
    help: 'Mentions that arrived behind their brand watermark: judged by per-mention detectors only (beyond_horizon=false) or left out of every detector (beyond_horizon=true). Still archived and rolled up.',
    labelNames: ['brand', 'beyond_horizon'],
    registers: [options.registry],
  });
  const pending = new Gauge({ name: 'sl_amplification_pending_mentions', help: 'Mentions waiting for their brand watermark, by brand.', labelNames: ['brand'], registers: [options.registry] });
  const seen = new Map<string, { late: number; tooLate: number }>();
  const unlogged = new Map<string, { late: number; tooLate: number }>();
  let lastLog = Date.now();

  return {
    observe(partition, brands) {
      for (const b of brands) {
        const key = `${partition}:${b.brandId}`;
        const before = seen.get(key);
        // A restored or rebuilt state starts the totals again from what it holds.
        const grewLate = before && b.late >= before.late ? b.late - before.late : 0;
        const grewTooLate = before && b.tooLate >= before.tooLate ? b.tooLate - before.tooLate : 0;
        seen.set(key, { late: b.late, tooLate: b.tooLate });
        pending.set({ brand: b.brandId }, b.pending);
        if (grewLate + grewTooLate === 0) continue;
        late.inc({ brand: b.brandId, beyond_horizon: 'false' }, grewLate);
        late.inc({ brand: b.brandId, beyond_horizon: 'true' }, grewTooLate);
        const total = unlogged.get(b.brandId) ?? { late: 0, tooLate: 0 };
        unlogged.set(b.brandId, { late: total.late + grewLate, tooLate: total.tooLate + grewTooLate });
      }
      if (unlogged.size === 0 || Date.now() - lastLog < LOG_EVERY_MS) return;
      lastLog = Date.now();
      for (const [brand, counts] of unlogged) log.warn({ brand, late: counts.late, beyondHorizon: counts.tooLate }, 'mentions arrived behind the brand watermark: judged per mention only, or left out past the horizon');
      unlogged.clear();
    },
  };
}
