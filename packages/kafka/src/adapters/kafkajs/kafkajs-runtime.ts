// The one place kafkajs is loaded, with its read_committed filter replaced (see
// aborted-transactions.ts). kafkajs's Batch takes the filter by require() when it loads, so the
// replacement is put in the CommonJS module cache first; every value this package takes from
// kafkajs comes through here (types may still be imported from 'kafkajs': they are erased).
//
// The replacement stands in for a private module (src/consumer/filterAbortedMessages.js) whose
// name, signature and caller are not kafkajs's API: it is proven on the versions listed below and
// nowhere else, so any other installed version stops the process before a record is read.
import { createRequire, Module } from 'node:module';
import { dropAbortedRecords } from './aborted-transactions.ts';

const require = createRequire(import.meta.url);

/**
 * kafkajs versions the replacement was proven on: transactions.int.test.ts and the conformance
 * suite on the real broker, aborted-transactions.test.ts against that version's own Batch.
 */
export const PROVEN_KAFKAJS_VERSIONS: readonly string[] = Object.freeze(['2.2.4']);

export class UnprovenKafkajsVersionError extends Error {
  readonly code = 'KAFKAJS_VERSION_NOT_PROVEN';
  readonly retriable = false;
  readonly version: string;
  constructor(version: string) {
    super(
      `kafkajs ${version} is installed, but @sl/kafka's read_committed fix (adapters/kafkajs/aborted-transactions.ts) replaces a private kafkajs module and is proven on kafkajs ${PROVEN_KAFKAJS_VERSIONS.join(', ')} only: install one of those, or prove the fix on ${version} (packages/kafka/test/adapters/kafkajs/aborted-transactions.test.ts, transactions.int.test.ts, conformance/) and add it to PROVEN_KAFKAJS_VERSIONS`,
    );
    this.name = 'UnprovenKafkajsVersionError';
    this.version = version;
  }
}

/** Throws UnprovenKafkajsVersionError unless `version` is one the fix was proven on. */
export function assertProvenKafkajsVersion(version: string): void {
  if (!PROVEN_KAFKAJS_VERSIONS.includes(version)) throw new UnprovenKafkajsVersionError(version);
}

/** The installed kafkajs's version, from its package.json (read before kafkajs itself is loaded). */
export const installedKafkajsVersion = (require('kafkajs/package.json') as { version: string }).version;
assertProvenKafkajsVersion(installedKafkajsVersion);

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
 * kafkajs's catalogue of broker error codes (private module of the pinned version): its log lines
 * carry an error's message only, and this names the protocol error a message stands for.
 */
export const kafkajsProtocolErrors = (
  require('kafkajs/src/protocol/error.js') as { errorCodes: Array<{ type: string; code: number; message: string }> }
).errorCodes;
