// The correction form's sender: an idempotent producer of the project's Kafka package on
// mentions.corrections (under the namespace), each record keyed by brand as `sl correct` sends it.
import type { VerdictCorrection } from '@sl/contracts';
import { createIdempotentProducer, ensureTopics, type KafkaClient, mentionsCorrectionsTopic, renamed } from '@sl/kafka';
import type { Logger } from '@sl/observability';
import { correctionMessage } from '@sl/rollups';
import type { CorrectionSender } from './correction-route.ts';

export interface KafkaCorrectionSender extends CorrectionSender {
  close(): Promise<void>;
}

export async function startKafkaCorrectionSender(kafka: KafkaClient, options: { namespace: string; logger: Logger }): Promise<KafkaCorrectionSender> {
  const topic = renamed(mentionsCorrectionsTopic, `${options.namespace}${mentionsCorrectionsTopic.name}`);
  await ensureTopics(kafka, [topic]);
  const producer = await createIdempotentProducer(kafka, { logger: options.logger });
  return {
    topic: topic.name,
    send: (correction: VerdictCorrection) => producer.send(topic, [correctionMessage(correction)]),
    close: () => producer.disconnect(),
  };
}
