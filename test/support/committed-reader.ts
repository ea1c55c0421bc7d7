// Reads a topic as a downstream consumer would (read_committed), counting records per key the
// test chooses, until the expected number of distinct keys is there, then a little longer so a
// late duplicate would be counted too.
import type { KafkaClient } from '@sl/kafka';
import { uniqueName } from '@sl/testkit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function countCommitted(
  kafka: KafkaClient,
  topic: string,
  keyOf: (value: Buffer) => string,
  expectedDistinct: number,
  options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const reader = kafka.consumer({ groupId: uniqueName('reader') });
  await reader.connect();
  await reader.subscribe(topic, { fromBeginning: true });
  await reader.run(async ({ records }) => {
    for (const record of records) {
      const key = keyOf(record.value ?? Buffer.alloc(0));
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (seen.size < expectedDistinct && Date.now() < deadline) await sleep(500);
  await sleep(options.settleMs ?? 4_000);
  await reader.disconnect();
  return seen;
}

export function tally(seen: ReadonlyMap<string, number>, expected: ReadonlySet<string>) {
  return {
    distinct: seen.size,
    duplicates: [...seen.values()].filter((n) => n > 1).length,
    missing: [...expected].filter((k) => !seen.has(k)).length,
    unexpected: [...seen.keys()].filter((k) => !expected.has(k)).length,
  };
}
