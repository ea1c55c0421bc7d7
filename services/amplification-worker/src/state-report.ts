// The engine's bounded memories, counted and logged: how full each is (a gauge, summed over the
// partitions this worker holds) and what the limits made it forget or judge early (a counter, and
// one line every half minute with what was forgotten since the last). What each eviction means
// for the alerts is in docs/architecture.md, "Bounded detector state".
import type { StateEvictions, StateMemory, StateSizes } from '@sl/amplification';
import { Counter, Gauge, type Logger, type Registry } from '@sl/observability';

const LOG_EVERY_MS = 30_000;
/** Sizes are counted over every brand's tables: at most once a second per partition, not per batch. */
const SIZES_EVERY_MS = 1_000;

export interface StateReport {
  /** After each batch of a partition: its engine's running eviction totals, and how to count its sizes. */
  observe(partition: number, evictions: Readonly<StateEvictions>, sizes: () => StateSizes): void;
  /** The partition's engine is gone (reset, moved): its sizes no longer count. */
  forget(partition: number): void;
}

export function createStateReport(options: { logger: Logger; registry: Registry }): StateReport {
  const log = options.logger.child({ component: 'state-limits' });
  const evicted = new Counter({
    name: 'sl_amplification_state_evicted_total',
    help: 'Entries the amplification engine forgot (or waiting mentions it judged ahead of the watermark) to stay within its configured limits, by memory; replays of a partition count again.',
    labelNames: ['memory'],
    registers: [options.registry],
  });
  const entries = new Gauge({
    name: 'sl_amplification_state_entries',
    help: 'Entries held in each bounded memory of the amplification engine, over the partitions held.',
    labelNames: ['memory'],
    registers: [options.registry],
  });
  // Totals are per engine: a new engine (restored, rebuilt) starts again from zero.
  const seen = new WeakMap<Readonly<StateEvictions>, StateEvictions>();
  const sizesByPartition = new Map<number, StateSizes>();
  const sizedAt = new Map<number, number>();
  let unlogged: Partial<Record<StateMemory, number>> = {};
  let lastLog = Date.now();

  const publishSizes = () => {
    const total: Record<string, number> = {};
    for (const sizes of sizesByPartition.values())
      for (const [memory, n] of Object.entries(sizes)) total[memory] = (total[memory] ?? 0) + n;
    for (const [memory, n] of Object.entries(total)) entries.set({ memory }, n);
  };

  return {
    observe(partition, evictions, sizes) {
      const before = seen.get(evictions);
      for (const memory of Object.keys(evictions) as StateMemory[]) {
        const grew = evictions[memory] - (before?.[memory] ?? 0);
        if (grew <= 0) continue;
        evicted.inc({ memory }, grew);
        unlogged[memory] = (unlogged[memory] ?? 0) + grew;
      }
      seen.set(evictions, { ...evictions });
      if (Date.now() - (sizedAt.get(partition) ?? 0) >= SIZES_EVERY_MS) {
        sizedAt.set(partition, Date.now());
        sizesByPartition.set(partition, sizes());
        publishSizes();
      }
      if (Object.keys(unlogged).length === 0 || Date.now() - lastLog < LOG_EVERY_MS) return;
      lastLog = Date.now();
      // Forgetting the oldest texts, authors and posts is how a bounded memory works at a steady
      // pace: information. Judging waiting mentions ahead of the watermark (arrival order can now
      // change alerts) or not following a question is a limit set too low: a warning.
      const needsLook = (unlogged.pendingJudgedEarly ?? 0) > 0 || (unlogged.questionsRefused ?? 0) > 0;
      log[needsLook ? 'warn' : 'info'](
        { evicted: unlogged, limits: 'SL_MAX_*' },
        needsLook
          ? 'amplification state at its limits: mentions judged ahead of the watermark or questions not followed (raise SL_MAX_PENDING_PER_BRAND or SL_MAX_OPEN_QUESTIONS)'
          : 'amplification state at its limits: oldest entries forgotten (alerts may differ from unbounded state)',
      );
      unlogged = {};
    },
    forget(partition) {
      sizesByPartition.delete(partition);
      sizedAt.delete(partition);
      publishSizes();
    },
  };
}
