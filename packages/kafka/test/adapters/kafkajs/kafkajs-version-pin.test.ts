import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  assertProvenKafkajsVersion,
  installedKafkajsVersion,
  PROVEN_KAFKAJS_VERSIONS,
  UnprovenKafkajsVersionError,
} from '../../../src/adapters/kafkajs/kafkajs-runtime.ts';

describe('the kafkajs version pin of the read_committed fix', () => {
  it('is the installed kafkajs, and that is one the fix was proven on', () => {
    const installed = (createRequire(import.meta.url)('kafkajs/package.json') as { version: string }).version;
    expect(installedKafkajsVersion).toBe(installed);
    expect(PROVEN_KAFKAJS_VERSIONS).toEqual(['2.2.4']);
    expect(() => assertProvenKafkajsVersion(installed)).not.toThrow();
  });

  it('refuses any other version with a clear, non-retriable error', () => {
    const refused = (() => {
      try {
        assertProvenKafkajsVersion('2.2.5');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(UnprovenKafkajsVersionError);
    expect(refused).toMatchObject({ code: 'KAFKAJS_VERSION_NOT_PROVEN', retriable: false, version: '2.2.5' });
    expect((refused as Error).message).toBe(
      "kafkajs 2.2.5 is installed, but @sl/kafka's read_committed fix (adapters/kafkajs/aborted-transactions.ts) replaces a private kafkajs module and is proven on kafkajs 2.2.4 only: install one of those, or prove the fix on 2.2.5 (packages/kafka/test/adapters/kafkajs/aborted-transactions.test.ts, transactions.int.test.ts, conformance/) and add it to PROVEN_KAFKAJS_VERSIONS",
    );
    expect(() => assertProvenKafkajsVersion('3.0.0-beta.1')).toThrow(UnprovenKafkajsVersionError);
  });
});
