// The correction chain is bounded (ROLLUP_CORRECTION_CHAIN_MENTIONS): how full it is (a gauge) and
// how many mentions it forgot to stay there (a counter, and one line every half minute with what
// was forgotten since the last). A forgotten mention's next correction is rolled up as sent.
import type { CorrectionChain } from '@sl/rollups';
import { Counter, Gauge, type Logger, type Registry } from '@sl/observability';

const LOG_EVERY_MS = 30_000;

export function reportCorrectionChain(
  chain: CorrectionChain,
  options: { logger: Logger; registry: Registry; cap: number; everyMs?: number },
): () => void {
  const log = options.logger.child({ component: 'correction-chain' });
  const evicted = new Counter({
    name: 'sl_correction_chain_evicted_total',
    help: 'Mentions the correction chain forgot (least recently corrected first) to stay within ROLLUP_CORRECTION_CHAIN_MENTIONS.',
    registers: [options.registry],
  });
  new Gauge({
    name: 'sl_correction_chain_mentions',
    help: 'Mentions the correction chain remembers.',
    registers: [options.registry],
    collect() {
      this.set(chain.size());
    },
  });
  let counted = 0;
  let unlogged = 0;
  let lastLog = 0;
  const observe = (): void => {
    const total = chain.evicted();
    if (total > counted) {
      evicted.inc(total - counted);
      unlogged += total - counted;
      counted = total;
    }
    if (unlogged === 0 || Date.now() - lastLog < LOG_EVERY_MS) return;
    lastLog = Date.now();
    log.info(
      { forgotten: unlogged, remembered: chain.size(), cap: options.cap, setting: 'ROLLUP_CORRECTION_CHAIN_MENTIONS' },
      'correction chain at its cap: least recently corrected mentions forgotten (their next correction is rolled up as sent)',
    );
    unlogged = 0;
  };
  const timer = setInterval(observe, options.everyMs ?? 1_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    observe();
  };
}
