// `npm run test:kafka-compat [-- <test files>]`: the Kafka integration tests against the older
// broker line the project still supports (COMPAT_KAFKA_VERSION), on a broker of that version that
// the testkit starts. The default subset is every test of the Kafka layer (produce, consume,
// groups, transactions and read_committed, the transactional stage under SIGKILL, admin calls,
// SASL/ACLs, TLS) and the sentiment worker's exactly-once test end to end; name files to run
// others. `SL_KAFKA_VERSION` picks another version; `SL_KAFKA_VERSION=3.9.1 npm run test:chaos`
// runs the chaos suite on it the same way.
import path from 'node:path';
import { repoRoot } from '../paths.ts';
import { runPhases } from '../test-phases.ts';
import { COMPAT_KAFKA_VERSION, ensureKafkaInstalled } from './kafka-install.ts';

const compatTestFiles: readonly string[] = ['packages/kafka/test', 'test/e2e/sentiment-exactly-once.test.ts'];

if (process.env.KAFKA_BROKERS) {
  process.stderr.write('test:kafka-compat starts its own broker of the version under test: unset KAFKA_BROKERS\n');
  process.exit(2);
}
const version = process.env.SL_KAFKA_VERSION || COMPAT_KAFKA_VERSION;
await ensureKafkaInstalled(version);
const files = process.argv.length > 2 ? process.argv.slice(2) : compatTestFiles;
const node = process.execPath;
const passed = await runPhases(
  [
    {
      name: `integration on Kafka ${version}`,
      command: path.join(repoRoot, 'node_modules', '.bin', 'vitest'),
      // One file at a time: the security and TLS files start brokers of their own beside the shared one.
      args: ['run', '--project', 'integration', '--maxWorkers', '1', ...files],
      onFailure: `the failed tests are listed above vitest's summary; the same files pass on the default broker when this is a compatibility break of Kafka ${version}.`,
    },
  ],
  {
    cwd: repoRoot,
    env: { ...process.env, SL_KAFKA_VERSION: version, TURBO_TELEMETRY_DISABLED: '1', PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` },
    write: (line) => process.stdout.write(line),
  },
);
process.exitCode = passed ? 0 : 1;
