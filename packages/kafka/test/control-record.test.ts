import { scoredMentionContract } from '@sl/contracts';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import type { KafkaMessage } from 'kafkajs';
import { expect, it } from 'vitest';
import { decodeBatch } from '../src/decode-batch.ts';
import { inOffsetOrder, InvalidControlRecordError, mentionsScoredTopic, parseControlMessage, watermarkTickMessage } from '../src/index.ts';

const mention = { ...enrichedMentionFixture(1, brandFixture('acme').id), sentiment: { compound: 0, label: 'neutral' as const, drivers: [] } };
const message = (offset: string, value: Buffer | null, headers: Record<string, string> = {}): KafkaMessage =>
  ({ offset, key: null, value, headers, timestamp: '0', attributes: 0, size: 0 }) as unknown as KafkaMessage;

it('sets watermark ticks aside before decoding, keeps their place, and dead-letters a control record it cannot read', () => {
  const tick = watermarkTickMessage(1_700_000_000_000);
  const batch = {
    topic: 'mentions.scored',
    partition: 3,
    messages: [
      message('10', scoredMentionContract.encode(mention)),
      message('11', tick.value, tick.headers),
      message('12', scoredMentionContract.encode(mention)),
      message('13', Buffer.from('{}'), { 'sl-control': 'watermark' }),
      message('14', Buffer.from('{}'), { 'sl-control': 'rewind' }),
    ],
  };
  const { records, controls, undecodable } = decodeBatch(mentionsScoredTopic, batch);
  expect(records.map((r) => r.offset)).toEqual(['10', '12']);
  expect(controls).toEqual([{ partition: 3, offset: '11', kind: 'watermark', ingestWatermark: 1_700_000_000_000 }]);
  expect(undecodable.map((u) => [u.message.offset, (u.error as Error).message])).toEqual([
    ['13', 'watermark tick at offset 13 has no numeric ingestWatermark'],
    ['14', "control record at offset 14 has unknown kind 'rewind'"],
  ]);
  expect(inOffsetOrder(records, controls).map((item) => ('record' in item ? `r${item.record.offset}` : `c${item.control.offset}`))).toEqual(['r10', 'c11', 'r12']);
  expect(() => parseControlMessage(0, '1', 'watermark', Buffer.from('not json'))).toThrow(InvalidControlRecordError);
});

it('carries a tick\'s release bound through the record, and refuses one that is not a positive integer', () => {
  const bounded = watermarkTickMessage(1_700_000_000_000, 5_000);
  expect(parseControlMessage(2, '40', 'watermark', bounded.value)).toEqual({
    partition: 2,
    offset: '40',
    kind: 'watermark',
    ingestWatermark: 1_700_000_000_000,
    maxJudged: 5_000,
  });
  // A tick written before the bound existed releases everything due.
  expect(parseControlMessage(2, '41', 'watermark', watermarkTickMessage(5).value)).toEqual({ partition: 2, offset: '41', kind: 'watermark', ingestWatermark: 5 });
  for (const maxJudged of [0, -3, 2.5, '10', null]) {
    const value = Buffer.from(JSON.stringify({ ingestWatermark: 5, maxJudged }));
    expect(() => parseControlMessage(2, '42', 'watermark', value)).toThrow(
      new InvalidControlRecordError('watermark tick at offset 42 has a maxJudged that is not a positive integer'),
    );
  }
});
