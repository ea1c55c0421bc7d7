import { describe, expect, it } from 'vitest';
import { errorChain } from '../src/errors/error-chain.ts';
import { fencedError, isBrokerUnreachable, outOfGroupError } from '../src/errors/error-flags.ts';
import { isKafkaError, KafkaError } from '../src/errors/kafka-error.ts';
import { fromKafkajsError, kafkajsErrorFlags } from '../src/adapters/kafkajs/error-flags.ts';
import { registerClientErrorFlags } from '../src/errors/client-error-flags.ts';
import { kafkajs } from '../src/adapters/kafkajs/kafkajs-runtime.ts';

const { KafkaJSNonRetriableError, KafkaJSProtocolError } = kafkajs;
// What every client the kafkajs adapter makes does first.
registerClientErrorFlags(kafkajsErrorFlags);

// Built the way kafkajs builds one from a broker's error code (its constructor copies type and code).
const codes: Record<string, number> = {
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  PRODUCER_FENCED: 90,
};
const protocolError = (type: string) =>
  new KafkaJSProtocolError(Object.assign(new Error('from the broker'), { type, code: codes[type], retriable: false }));

describe('outOfGroupError', () => {
  it('finds the protocol error a commit wraps, so kafkajs sees its type', () => {
    const dropped = protocolError('UNKNOWN_MEMBER_ID');
    // What consumer.commitOffsets rejects with: kafkajs's retrier wraps the protocol error.
    const commitError = Object.assign(new KafkaJSNonRetriableError(dropped), { cause: dropped });
    expect(outOfGroupError(commitError)).toBe(dropped);
    expect(outOfGroupError(new Error('sink flush', { cause: commitError }))).toBe(dropped);
  });

  it('knows a stale generation and a rebalance in progress', () => {
    for (const type of ['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']) {
      const error = protocolError(type);
      expect(outOfGroupError(error)).toBe(error);
    }
  });

  it('is undefined for errors about records, topics or outages', () => {
    expect(outOfGroupError(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBeUndefined();
    expect(outOfGroupError(Object.assign(new Error('object store unavailable'), { retriable: true }))).toBeUndefined();
    expect(outOfGroupError(new TypeError('cannot read properties of undefined'))).toBeUndefined();
    expect(outOfGroupError('UNKNOWN_MEMBER_ID')).toBeUndefined();
    expect(outOfGroupError(null)).toBeUndefined();
  });
});

describe('fencedError', () => {
  it('finds a fenced producer by protocol type or by kafkajs message, anywhere in the chain', () => {
    const fenced = protocolError('PRODUCER_FENCED');
    expect(fencedError(new Error('commit failed', { cause: Object.assign(new KafkaJSNonRetriableError(fenced), { cause: fenced }) }))).toBe(
      fenced,
    );
    const byMessage = new Error('Producer epoch is stale: another producer has the transactional id');
    expect(fencedError(new Error('outer', { cause: byMessage }))).toBe(byMessage);
    expect(fencedError(protocolError('UNKNOWN_MEMBER_ID'))).toBeUndefined();
  });

  it('takes a port error at its flag, not its message', () => {
    const own = new KafkaError('TRANSACTION_FENCED', 'the transactional id moved', { retriable: false, fenced: true });
    expect(fencedError(own)).toBe(own);
    expect(fencedError(new KafkaError('X', 'fenced in the message only', { retriable: false }))).toBeUndefined();
  });
});

describe('outOfGroupError with a port error around the client error', () => {
  it('prefers the client error (kafkajs rejoins only on its own), else the port error', () => {
    const dropped = protocolError('ILLEGAL_GENERATION');
    const wrapper = new KafkaError('OUT_OF_GROUP', 'commit refused', { retriable: false, outOfGroup: true }, dropped);
    expect(outOfGroupError(wrapper)).toBe(dropped);
    const alone = new KafkaError('OUT_OF_GROUP', 'member expired', { retriable: false, outOfGroup: true });
    expect(outOfGroupError(new Error('flush', { cause: alone }))).toBe(alone);
  });
});

describe('isBrokerUnreachable', () => {
  it('knows kafkajs connection errors by name or message through the chain', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'KafkaJSConnectionError' });
    expect(isBrokerUnreachable(new Error('admin connect failed', { cause: refused }))).toBe(true);
    expect(isBrokerUnreachable(new Error('Connection timeout'))).toBe(true);
    expect(isBrokerUnreachable(new Error('Connection error: ECONNREFUSED'))).toBe(true);
    expect(isBrokerUnreachable(new Error('topic mentions.raw does not exist'))).toBe(false);
    expect(isBrokerUnreachable(new KafkaError('NO_BROKER', 'no broker answered', { retriable: true, unreachable: true }))).toBe(true);
  });
});

describe('isKafkaError', () => {
  it('recognises the brand, also on an object from another copy of the module', () => {
    const error = new KafkaError('X', 'x', { retriable: true });
    expect(isKafkaError(error)).toBe(true);
    expect([error.retriable, error.fenced, error.outOfGroup, error.producerIdLost, error.unreachable]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(isKafkaError({ [Symbol.for('@sl/kafka.KafkaError')]: true })).toBe(true);
    expect(isKafkaError(Object.assign(new Error('x'), { code: 'X', retriable: true }))).toBe(false);
    expect(isKafkaError(null)).toBe(false);
  });
});

describe('errorChain', () => {
  it("reads cause, then originalError, then an AggregateError's errors, depth first, each link once", () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    const c = Object.assign(new Error('c'), { originalError: a });
    const top = Object.assign(new AggregateError([c, 'not an error'], 'top', { cause: b }));
    expect([...errorChain(top)].map((link) => (link as Error).message)).toEqual(['top', 'b', 'a', 'c']);
  });

  it('stops at a loop and below depth 8', () => {
    const a = new Error('a');
    a.cause = new Error('b', { cause: a });
    expect([...errorChain(a)]).toHaveLength(2);
    let deep = new Error('0');
    for (let i = 1; i <= 10; i += 1) deep = new Error(String(i), { cause: deep });
    expect([...errorChain(deep)].map((link) => (link as Error).message)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2']);
  });
});

describe('fromKafkajsError', () => {
  it('makes the port error with its flags read once from the chain, the kafkajs error as its cause', () => {
    const dropped = protocolError('UNKNOWN_MEMBER_ID');
    const commitError = Object.assign(new KafkaJSNonRetriableError(dropped), { cause: dropped });
    const made = fromKafkajsError(commitError);
    expect(isKafkaError(made)).toBe(true);
    expect(made).toMatchObject({
      code: 'UNKNOWN_MEMBER_ID',
      message: 'from the broker',
      retriable: false,
      outOfGroup: true,
      fenced: false,
      producerIdLost: false,
      unreachable: false,
    });
    expect((made as Error).cause).toBe(commitError);
    // kafkajs rejoins only on its own protocol error: still found through the port error.
    expect(outOfGroupError(made)).toBe(dropped);
  });

  it('flags a retriable connection failure, and passes port errors and non-errors through', () => {
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1'), {
      name: 'KafkaJSConnectionError',
      retriable: true,
    });
    expect(fromKafkajsError(refused)).toMatchObject({
      code: 'KafkaJSConnectionError',
      retriable: true,
      unreachable: true,
      outOfGroup: false,
    });
    const own = new KafkaError('X', 'x', { retriable: false });
    expect(fromKafkajsError(own)).toBe(own);
    expect(fromKafkajsError('a string')).toBe('a string');
  });
});
