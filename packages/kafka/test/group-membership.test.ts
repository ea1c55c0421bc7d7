import { describe, expect, it } from 'vitest';
import { groupRejoinError } from '../src/group-membership.ts';
import { kafkajs } from '../src/kafkajs-runtime.ts';

const { KafkaJSNonRetriableError, KafkaJSProtocolError } = kafkajs;

// Built the way kafkajs builds one from a broker's error code (its constructor copies type and code).
const codes: Record<string, number> = {
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
};
const protocolError = (type: string) =>
  new KafkaJSProtocolError(Object.assign(new Error('from the broker'), { type, code: codes[type], retriable: false }));

describe('groupRejoinError', () => {
  it('finds the protocol error a commit wraps, so kafkajs sees its type', () => {
    const dropped = protocolError('UNKNOWN_MEMBER_ID');
    // What consumer.commitOffsets rejects with: kafkajs's retrier wraps the protocol error.
    const commitError = Object.assign(new KafkaJSNonRetriableError(dropped), { cause: dropped });
    expect(groupRejoinError(commitError)).toBe(dropped);
    expect(groupRejoinError(new Error('sink flush', { cause: commitError }))).toBe(dropped);
  });

  it('knows a stale generation and a rebalance in progress', () => {
    for (const type of ['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']) {
      const error = protocolError(type);
      expect(groupRejoinError(error)).toBe(error);
    }
  });

  it('is undefined for errors about records, topics or outages', () => {
    expect(groupRejoinError(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBeUndefined();
    expect(groupRejoinError(Object.assign(new Error('object store unavailable'), { retriable: true }))).toBeUndefined();
    expect(groupRejoinError(new TypeError('cannot read properties of undefined'))).toBeUndefined();
    expect(groupRejoinError('UNKNOWN_MEMBER_ID')).toBeUndefined();
    expect(groupRejoinError(null)).toBeUndefined();
  });
});
