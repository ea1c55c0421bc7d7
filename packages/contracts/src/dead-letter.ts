// DeadLetter: a record a stage could not process, kept byte for byte with the reason. Topic
// <originalTopic>.dlq, key = the original key. Any stage writes it instead of crashing; people and
// replay tools read it. Schema: schemas/dead-letter/DeadLetter.v<N>.avsc.
import { defineContract } from './contract.ts';

export function deadLetterTopic(originalTopic: string): string {
  return `${originalTopic}.dlq`;
}

export interface DeadLetter {
  originalTopic: string;
  partition: number;
  /** Decimal string: Kafka offsets are 64-bit and exceed Number.MAX_SAFE_INTEGER. */
  offset: string;
  key: Buffer | null;
  value: Buffer;
  /** Original headers, values decoded as UTF-8. */
  headers: Record<string, string>;
  error: string;
  /** The failure's stable code, e.g. 'UNKNOWN_SCHEMA_FINGERPRINT'. */
  errorCode: string;
  /** e.g. 'enricher'. */
  stage: string;
  /** Epoch milliseconds UTC. */
  failedAt: number;
}

export const deadLetterContract = defineContract<DeadLetter>('dead-letter', 'DeadLetter');
