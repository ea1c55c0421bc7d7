// One alert-archive sink per live brand, each a member of a group of its own on that brand's
// topic `<ns>alerts.<brand>` (`<group>.<brand>`): a kafkajs group shares every subscribed topic
// among all its members, so brands sharing one group would be handed each other's topics (the
// alert dispatcher's reason too). Brands come and go with brands.config; sync() starts and stops
// sinks to match, one change at a time, and tries a failed start again later.
import { alertsTopic, ensureTopics, type Kafka, renamed, type TypedProducer } from '@sl/kafka';
import type { ObjectStore } from '@sl/object-store';
import type { HealthReport, Logger, Registry } from '@sl/observability';
import { createAlertArchiveSink } from './alert-archive.ts';
import type { FlushPolicy } from './flush-policy.ts';
import { commitThrough, runStorageSink, type StorageSinkRunner } from './run-storage-sink.ts';

export const ALERT_ARCHIVE_STAGE = 'alert-archive';

export interface AlertArchiversOptions {
  kafka: Kafka;
  /** Topic namespace, e.g. `test-1.`. @default '' */
  namespace?: string;
  /** Each brand's group is `<groupIdPrefix>.<brand>`. */
  groupIdPrefix: string;
  store: ObjectStore;
  /** Used for dead letters. */
  producer: TypedProducer;
  logger: Logger;
  registry?: Registry;
  policy?: Partial<FlushPolicy>;
  /** How often buffers are checked for their age. @default 1_000 ms */
  tickMs?: number;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /** Wait before trying a failed start again. @default 5_000 ms */
  retryDelayMs?: number;
}

export interface AlertArchivers {
  /** Archive exactly these brands' topics (applied asynchronously, in order). */
  sync(brandIds: Iterable<string>): void;
  /** Resolves once every change asked for so far has been tried. */
  settled(): Promise<void>;
  running(): string[];
  wanted(): string[];
  health(): HealthReport;
  /** Flushes and commits what every sink holds, then leaves the groups. */
  stop(): Promise<void>;
}

export function createAlertArchivers(options: AlertArchiversOptions): AlertArchivers {
  const log = options.logger.child({ component: 'alert-archivers' });
  const namespace = options.namespace ?? '';
  const running = new Map<string, StorageSinkRunner>();
  let wanted = new Set<string>();
  let stopping = false;
  let queued = false;
  let chain: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;

  const start = async (brandId: string): Promise<StorageSinkRunner> => {
    const topic = renamed(alertsTopic(brandId), `${namespace}${alertsTopic(brandId).name}`);
    // Usually there already (`sl brands apply`, the amplification worker); a group cannot subscribe otherwise.
    await ensureTopics(options.kafka, [topic]);
    const logger = options.logger.child({ brand: brandId });
    const binding = commitThrough();
    const sink = createAlertArchiveSink({
      brandId,
      topic: topic.name,
      store: options.store,
      commit: binding.commit,
      logger,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.registry ? { registry: options.registry } : {}),
    });
    return runStorageSink(
      {
        kafka: options.kafka,
        topic,
        groupId: `${options.groupIdPrefix}.${brandId}`,
        stage: ALERT_ARCHIVE_STAGE,
        producer: options.producer,
        sink,
        logger,
        ...(options.registry ? { registry: options.registry } : {}),
        ...(options.tickMs ? { tickMs: options.tickMs } : {}),
        ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
      },
      binding,
    );
  };

  const reconcile = async () => {
    queued = false;
    if (stopping) return;
    let failed = false;
    for (const [brandId, runner] of running) {
      if (wanted.has(brandId)) continue;
      running.delete(brandId);
      // A retired brand's buffered alerts are flushed and committed on the way out.
      await runner.stop().catch((err: unknown) => log.warn({ err, brand: brandId }, 'could not stop an alert archiver cleanly'));
      log.info({ brand: brandId }, 'stopped archiving alerts: brand retired');
    }
    for (const brandId of wanted) {
      if (running.has(brandId) || stopping) continue;
      try {
        running.set(brandId, await start(brandId));
        log.info({ brand: brandId }, 'archiving alerts');
      } catch (err) {
        failed = true;
        log.error({ err, brand: brandId }, 'could not start archiving a brand topic; will try again');
      }
    }
    if (failed && !stopping && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        schedule();
      }, options.retryDelayMs ?? 5_000);
      retryTimer.unref();
    }
  };

  // brands.config reports every record; many changes in a row need one pass, not one each.
  const schedule = () => {
    if (queued) return;
    queued = true;
    chain = chain.then(reconcile, reconcile);
  };

  return {
    sync(brandIds) {
      wanted = new Set(brandIds);
      schedule();
    },
    settled: () => chain,
    running: () => [...running.keys()],
    wanted: () => [...wanted],
    health() {
      const degraded = [...running].filter(([, runner]) => runner.health().status !== 'ok').map(([id]) => id);
      const missing = [...wanted].filter((id) => !running.has(id));
      const ok = degraded.length === 0 && missing.length === 0;
      const detail = `${running.size} of ${wanted.size} brand alert topics archived${degraded.length > 0 ? `; object store failing for ${degraded.join(', ')}` : ''}`;
      return { status: ok ? 'ok' : 'degraded', checks: { alertArchive: { ok, detail } } };
    },
    async stop() {
      stopping = true;
      clearTimeout(retryTimer);
      await chain.catch(() => undefined);
      const runners = [...running.values()];
      running.clear();
      await Promise.allSettled(runners.map((r) => r.stop()));
    },
  };
}
