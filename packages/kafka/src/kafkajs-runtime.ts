// The one place kafkajs is loaded, with its read_committed filter replaced (see
// aborted-transactions.ts). kafkajs's Batch takes the filter by require() when it loads, so the
// replacement is put in the CommonJS module cache first; every value this package takes from
// kafkajs comes through here (types may still be imported from 'kafkajs': they are erased).
import { createRequire, Module } from 'node:module';
import { dropAbortedRecords } from './aborted-transactions.ts';

const require = createRequire(import.meta.url);
// Marks the replacement across module instances (a test runner evaluates this file once per test file).
const FIXED = Symbol.for('sl.kafkajs.dropAbortedRecords');

const filterPath = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
const batchPath = require.resolve('kafkajs/src/consumer/batch.js');
const cached = require.cache[filterPath] as { exports?: Record<symbol, unknown> } | undefined;
if (cached?.exports?.[FIXED] !== true) {
  if (require.cache[batchPath]) {
    throw new Error('kafkajs was loaded before @sl/kafka replaced its read_committed filter: load kafkajs only through @sl/kafka');
  }
  const replacement = new Module(filterPath);
  replacement.filename = filterPath;
  replacement.exports = Object.assign((input: Parameters<typeof dropAbortedRecords>[0]) => dropAbortedRecords(input), { [FIXED]: true });
  replacement.loaded = true;
  require.cache[filterPath] = replacement;
}

/** kafkajs itself; its consumers drop aborted transactions' records correctly. */
export const kafkajs = require('kafkajs') as typeof import('kafkajs');

/** True when kafkajs's Batch uses the replacement filter (checked by a unit test). */
export function readCommittedFilterFixed(): boolean {
  const filter = require('kafkajs/src/consumer/filterAbortedMessages.js') as Record<symbol, unknown>;
  return filter[FIXED] === true;
}

/**
 * kafkajs's catalogue of broker error codes (private module of the pinned 2.2.4): its log lines
 * carry an error's message only, and this names the protocol error a message stands for.
 */
export const kafkajsProtocolErrors = (require('kafkajs/src/protocol/error.js') as { errorCodes: Array<{ type: string; code: number; message: string }> })
  .errorCodes;
