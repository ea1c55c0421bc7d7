// One consumer per live brand, on that brand's topic `<ns>alerts.<brand>`, in a group of its own
// (`<group>.<brand>`): a kafkajs group shares out every subscribed topic among all its members,
// whatever each member subscribed to, so brand consumers sharing a group would be handed each
// other's topics. Brands come and go with brands.config; sync() starts and stops consumers to
// match, one change at a time, and tries again later when the broker is not ready.
import type { Alert } from '@sl/contracts';
import {
  alertsTopic,
  type ConsumerHandle,
  ensureTopics,
  type Kafka,
  type PartitionBatch,
  renamed,
  runConsumer,
  type TypedProducer,
} from '@sl/kafka';
import type { Logger, Registry } from '@sl/observability';
import { STAGE } from './alert-dead-letter.ts';

export interface BrandConsumersOptions {
  kafka: Kafka;
  namespace: string;
  groupIdPrefix: string;
  producer: TypedProducer;
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  handlerFor: (brandId: string) => (batch: PartitionBatch<Alert>) => Promise<void>;
  logger: Logger;
  registry: Registry;
  /** Called after each change, with how many consumers run and how many brands want one. */
  onChange?: (running: number, wanted: number) => void;
  /** Wait before trying a failed start again, ms. @default 5_000 */
  retryDelayMs?: number;
}

export interface BrandConsumers {
  /** Consume exactly these brands' topics (asynchronously; changes are applied in order). */
  sync(brandIds: Iterable<string>): void;
  /** Resolves once every change asked for so far has been tried. */
  settled(): Promise<void>;
  running(): string[];
  wanted(): string[];
  stop(): Promise<void>;
}

export function createBrandConsumers(options: BrandConsumersOptions): BrandConsumers {
  const log = options.logger.child({ component: 'brand-consumers' });
  const running = new Map<string, ConsumerHandle>();
  let wanted = new Set<string>();
  let stopping = false;
  let queued = false;
  let chain: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;

  const topicOf = (brandId: string) => renamed(alertsTopic(brandId), `${options.namespace}${alertsTopic(brandId).name}`);

  const start = async (brandId: string) => {
    const topic = topicOf(brandId);
    // The topic (and its dead-letter topic) usually exists already (`sl brands apply`, the
    // amplification worker); a consumer cannot subscribe to one that does not.
    await ensureTopics(options.kafka, [topic]);
    const handle = await runConsumer<Alert>({
      kafka: options.kafka,
      groupId: `${options.groupIdPrefix}.${brandId}`,
      topic,
      stage: STAGE,
      logger: options.logger.child({ brand: brandId }),
      producer: options.producer,
      handleBatch: options.handlerFor(brandId),
      fromBeginning: options.fromBeginning,
      sessionTimeoutMs: options.sessionTimeoutMs,
      metrics: options.registry,
    });
    running.set(brandId, handle);
    void handle.joined.then(() => log.info({ brand: brandId, topic: topic.name }, 'consuming alerts'));
  };

  const reconcile = async () => {
    queued = false;
    if (stopping) return;
    let failed = false;
    for (const [brandId, handle] of running) {
      if (wanted.has(brandId)) continue;
      running.delete(brandId);
      await handle.stop().catch((err: unknown) => log.warn({ err, brand: brandId }, 'could not stop a brand consumer cleanly'));
      log.info({ brand: brandId }, 'stopped consuming alerts: brand retired');
    }
    for (const brandId of wanted) {
      if (running.has(brandId) || stopping) continue;
      try {
        await start(brandId);
      } catch (err) {
        failed = true;
        log.error({ err, brand: brandId }, 'could not start consuming a brand topic; will try again');
      }
    }
    options.onChange?.(running.size, wanted.size);
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
    async stop() {
      stopping = true;
      clearTimeout(retryTimer);
      await chain.catch(() => undefined);
      const handles = [...running.values()];
      running.clear();
      await Promise.allSettled(handles.map((h) => h.stop()));
    },
  };
}
