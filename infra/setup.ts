// `npm run setup`: fetch everything the local broker and object store need, once.
// Safe to run repeatedly; the test and run commands call it first.
import { ensureKafkaInstalled } from './kafka/kafka-install.ts';
import { ensureS3ServerInstalled } from './s3/s3-server.ts';

const started = Date.now();
await ensureKafkaInstalled();
await ensureS3ServerInstalled();
process.stderr.write(`setup: local broker and object store ready (${Date.now() - started} ms)\n`);
