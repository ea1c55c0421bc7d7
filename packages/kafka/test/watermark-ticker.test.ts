import { testLogger } from '@sl/testkit';
import { afterEach, expect, it } from 'vitest';
import { CONTROL_HEADER, type EncodedMessage, parseControlMessage, tickWatermarks, type WatermarkTicker } from '../src/index.ts';

let ticker: WatermarkTicker | undefined;
afterEach(async () => {
  await ticker?.stop();
  ticker = undefined;
});

it('ticks an owned partition when its state has something due at the new watermark, or is not loaded, once per watermark', async () => {
  const measured = [null, 1_000, 1_000, 2_000, 3_000];
  const due = new Map([
    [0, 1_500], // something waits until the watermark reaches 1,500
    [1, Number.POSITIVE_INFINITY], // nothing due
  ]);
  const written: EncodedMessage[][] = [];
  ticker = tickWatermarks({
    intervalMs: 60_000, // rounds are driven by hand below
    logger: testLogger(),
    measure: async () => measured.shift() ?? null,
    partitions: () => [
      { partition: 0, engine: { wouldAdvance: (w) => w >= (due.get(0) ?? 0) } },
      { partition: 1, engine: { wouldAdvance: (w) => w >= (due.get(1) ?? 0) } },
      { partition: 2, engine: undefined },
    ],
    write: async (ticks) => {
      written.push(ticks);
    },
  });
  // The loop's own first round took the null: nothing known, nothing written.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(written).toEqual([]);
  const round = async () => (await (ticker as WatermarkTicker).round()).map((t) => `${t.partition}@${parseControlMessage(t.partition ?? -1, '0', t.headers?.[CONTROL_HEADER] ?? '', t.value).ingestWatermark}`);
  // 1,000: partition 0 has nothing due yet; partition 2 is not loaded, so it gets a tick to load it.
  expect(await round()).toEqual(['2@1000']);
  // The same watermark again: nothing new.
  expect(await round()).toEqual([]);
  // 2,000: partition 0's wait is over; partition 2 once more (still not loaded here).
  expect(await round()).toEqual(['0@2000', '2@2000']);
  expect(ticker.lastWatermark()).toBe(2_000);
  due.set(1, 2_500);
  expect(await round()).toEqual(['0@3000', '1@3000', '2@3000']);
  expect(written.flat().every((t) => t.key === '~watermark' && t.headers?.[CONTROL_HEADER] === 'watermark')).toBe(true);
});

it('writes its release bound into every tick', async () => {
  const written: EncodedMessage[] = [];
  ticker = tickWatermarks({
    intervalMs: 60_000,
    logger: testLogger(),
    measure: async () => 7_000,
    partitions: () => [
      { partition: 0, engine: undefined },
      { partition: 3, engine: undefined },
    ],
    write: async (ticks) => {
      written.push(...ticks);
    },
    maxJudged: 2_500,
  });
  // The loop's own first round writes them.
  for (let n = 0; n < 50 && written.length === 0; n += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(written.map((t) => [t.partition, parseControlMessage(t.partition ?? -1, '0', 'watermark', t.value)])).toEqual([
    [0, { partition: 0, offset: '0', kind: 'watermark', ingestWatermark: 7_000, maxJudged: 2_500 }],
    [3, { partition: 3, offset: '0', kind: 'watermark', ingestWatermark: 7_000, maxJudged: 2_500 }],
  ]);
});
