// Settings every Kafka-speaking service reads from its environment, defined once.
import { z } from 'zod';

/** Comma-separated host:port list. @default the embedded broker, 127.0.0.1:19092 */
export const kafkaBrokersSetting = z
  .string()
  .default('127.0.0.1:19092')
  .transform((list) =>
    list
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port')).min(1));

/** Prefix for every topic name (tests, shared clusters). @default '' */
export const topicNamespaceSetting = z.string().default('');
