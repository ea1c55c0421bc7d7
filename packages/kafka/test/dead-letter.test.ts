import { deadLetterContract } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { deadLetterHeaders, deadLetterMessage, errorCode, errorMessage, type FailedRecord } from '../src/dead-letter.ts';

const FAILED_AT = Date.UTC(2024, 4, 2, 8, 0, 0, 123);

const record: FailedRecord = {
  topic: 'mentions.raw',
  partition: 3,
  offset: '9007199254740993',
  key: Buffer.from('rss:a'),
  value: Buffer.from([0xc3, 0x01, 0xff, 0x00, 0x42]),
  headers: { 'trace-id': 'abc' },
};

describe('deadLetterMessage', () => {
  it('keeps the key, sets the exact headers and encodes the original bytes with the reason', () => {
    const error = Object.assign(new Error('unknown schema', { cause: new Error('fingerprint 0x12') }), { code: 'UNKNOWN_SCHEMA_FINGERPRINT' });
    const message = deadLetterMessage(record, error, 'enricher', FAILED_AT);
    expect(message.key).toEqual(Buffer.from('rss:a'));
    expect(message.headers).toEqual({
      'dlq.error': 'unknown schema: fingerprint 0x12',
      'dlq.error.code': 'UNKNOWN_SCHEMA_FINGERPRINT',
      'dlq.stage': 'enricher',
      'dlq.original.topic': 'mentions.raw',
      'dlq.original.partition': '3',
      'dlq.original.offset': '9007199254740993',
      'dlq.failed.at': '2024-05-02T08:00:00.123Z',
    });
    expect(Object.keys(message.headers ?? {}).sort()).toEqual(Object.values(deadLetterHeaders).sort());
    expect(deadLetterContract.decode(message.value)).toEqual({
      originalTopic: 'mentions.raw',
      partition: 3,
      offset: '9007199254740993',
      key: Buffer.from('rss:a'),
      value: Buffer.from([0xc3, 0x01, 0xff, 0x00, 0x42]),
      headers: { 'trace-id': 'abc' },
      error: 'unknown schema: fingerprint 0x12',
      errorCode: 'UNKNOWN_SCHEMA_FINGERPRINT',
      stage: 'enricher',
      failedAt: FAILED_AT,
    });
  });

  it('stores a null key as null and a null value as empty bytes, with the default code', () => {
    const message = deadLetterMessage({ ...record, key: null, value: null, headers: {} }, 'not an error', 'archive', FAILED_AT);
    expect(message.key).toBeNull();
    expect(message.headers?.['dlq.error']).toBe('not an error');
    expect(message.headers?.['dlq.error.code']).toBe('PROCESSING_FAILED');
    const letter = deadLetterContract.decode(message.value);
    expect(letter.key).toBeNull();
    expect(letter.value).toEqual(Buffer.alloc(0));
    expect(letter.headers).toEqual({});
  });
});

describe('errorCode', () => {
  it('takes code, then type (kafkajs), else PROCESSING_FAILED', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'E_ONE' }))).toBe('E_ONE');
    expect(errorCode(Object.assign(new Error('x'), { type: 'NOT_LEADER_FOR_PARTITION' }))).toBe('NOT_LEADER_FOR_PARTITION');
    expect(errorCode(Object.assign(new Error('x'), { code: '' }))).toBe('PROCESSING_FAILED');
    expect(errorCode(new Error('x'))).toBe('PROCESSING_FAILED');
    expect(errorCode(null)).toBe('PROCESSING_FAILED');
    expect(errorCode(undefined)).toBe('PROCESSING_FAILED');
  });
});

describe('errorMessage', () => {
  it('appends the cause message and caps the length at 2000', () => {
    expect(errorMessage(new Error('outer', { cause: new Error('inner') }))).toBe('outer: inner');
    expect(errorMessage(new Error('outer', { cause: 'not an error' }))).toBe('outer');
    expect(errorMessage(new Error('x'.repeat(3_000)))).toBe('x'.repeat(2_000));
    expect(errorMessage(42)).toBe('42');
  });
});
