// One consumer per live brand, on that brand's topic `<ns>alerts.<brand>`, in a group of its own
// (`<group>.<brand>`), started and stopped with brands.config by @sl/kafka's createBrandMembers
// (why one group per brand: brand-members.ts).
import type { Alert } from '@sl/contracts';
import {
  alertsTopic,
  type ConsumerHandle,
  createBrandMembers,
  ensureTopics,
  type KafkaClient,
  type PartitionBatch,
  renamed,
  runConsumer,
  type TypedProducer,
} from '@sl/kafka';
import type { Logger, Registry } from '@sl/observability';
import { STAGE } from './alert-dead-letter.ts';

export interface BrandConsumersOptions {
  kafka: KafkaClient;
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
  const topicOf = (brandId: string) => renamed(alertsTopic(brandId), `${options.namespace}${alertsTopic(brandId).name}`);

  const start = async (brandId: string): Promise<ConsumerHandle> => {
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
    void handle.joined.then(() => log.info({ brand: brandId, topic: topic.name }, 'consuming alerts'));
    return handle;
  };

  const members = createBrandMembers({
    start,
    activity: 'consuming alerts',
    logger: log,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  return {
    sync: (brandIds) => members.sync(brandIds),
    settled: () => members.settled(),
    running: () => members.running(),
    wanted: () => members.wanted(),
    stop: () => members.stop(),
  };
}
