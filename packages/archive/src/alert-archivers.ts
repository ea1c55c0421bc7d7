// One alert-archive sink per live brand, each a member of a group of its own on that brand's
// topic `<ns>alerts.<brand>` (`<group>.<brand>`), started and stopped with brands.config by
// @sl/kafka's createBrandMembers (why one group per brand: brand-members.ts).
import { alertsTopic, createBrandMembers, ensureTopics, type KafkaClient, renamed, type TypedProducer } from '@sl/kafka';
import type { ObjectStore } from '@sl/object-store';
import type { HealthReport, Logger, Registry } from '@sl/observability';
import { createAlertArchiveSink } from './alert-archive.ts';
import type { FlushPolicy } from './flush-policy.ts';
import { commitThrough, runStorageSink, type StorageSinkRunner } from './run-storage-sink.ts';

export const ALERT_ARCHIVE_STAGE = 'alert-archive';

export interface AlertArchiversOptions {
  kafka: KafkaClient;
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
    const runner = await runStorageSink(
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
    log.info({ brand: brandId }, 'archiving alerts');
    return runner;
  };

  // A retired brand's buffered alerts are flushed and committed on the way out (runner.stop).
  const members = createBrandMembers({
    start,
    activity: 'archiving alerts',
    logger: log,
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
  });

  return {
    sync: (brandIds) => members.sync(brandIds),
    settled: () => members.settled(),
    running: () => members.running(),
    wanted: () => members.wanted(),
    health() {
      const running = members.members();
      const wanted = members.wanted();
      const degraded = [...running].filter(([, runner]) => runner.health().status !== 'ok').map(([id]) => id);
      const missing = wanted.filter((id) => !running.has(id));
      const ok = degraded.length === 0 && missing.length === 0;
      const detail = `${running.size} of ${wanted.length} brand alert topics archived${degraded.length > 0 ? `; object store failing for ${degraded.join(', ')}` : ''}`;
      return { status: ok ? 'ok' : 'degraded', checks: { alertArchive: { ok, detail } } };
    },
    stop: () => members.stop(),
  };
}
