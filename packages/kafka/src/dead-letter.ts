// A record a stage cannot decode or process goes to its topic's dead-letter topic, whole, with
// the reason: in headers (for tools that only read headers) and in a DeadLetter record (so the
// dead-letter topic is self-describing and a record can be re-driven from it).
import { type DeadLetter, deadLetterContract } from '@sl/contracts';
import type { EncodedMessage } from './typed-producer.ts';

export const deadLetterHeaders = {
  error: 'dlq.error',
  errorCode: 'dlq.error.code',
  stage: 'dlq.stage',
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  failedAt: 'dlq.failed.at',
} as const;

export interface FailedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown; type?: unknown } | null)?.code ?? (error as { type?: unknown } | null)?.type;
  return typeof code === 'string' && code.length > 0 ? code : 'PROCESSING_FAILED';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`.slice(0, 2_000);
  }
  return String(error).slice(0, 2_000);
}

export function deadLetterMessage(record: FailedRecord, error: unknown, stage: string, now: number = Date.now()): EncodedMessage {
  const letter: DeadLetter = {
    originalTopic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: record.value ?? Buffer.alloc(0),
    headers: record.headers,
    error: errorMessage(error),
    errorCode: errorCode(error),
    stage,
    failedAt: now,
  };
  return {
    key: record.key,
    value: deadLetterContract.encode(letter),
    headers: {
      [deadLetterHeaders.error]: letter.error,
      [deadLetterHeaders.errorCode]: letter.errorCode,
      [deadLetterHeaders.stage]: stage,
      [deadLetterHeaders.originalTopic]: record.topic,
      [deadLetterHeaders.originalPartition]: String(record.partition),
      [deadLetterHeaders.originalOffset]: record.offset,
      [deadLetterHeaders.failedAt]: new Date(now).toISOString(),
    },
  };
}
