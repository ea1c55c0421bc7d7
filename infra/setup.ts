// `npm run setup`: fetch everything the local broker and object store need, once, install the
// Chromium the dashboard's browser test drives, and build the dashboard's page.
// Safe to run repeatedly; the test and run commands call it first.
import { DEFAULT_PAGE_DIR, ensurePageBuilt } from '@sl/dashboard';
import { ensureChromium } from './browser/chromium.ts';
import { ensureKafkaInstalled } from './kafka/kafka-install.ts';
import { ensureS3ServerInstalled } from './s3/s3-server.ts';

const started = Date.now();
await ensureKafkaInstalled();
await ensureS3ServerInstalled();
const chromium = ensureChromium();
// Only the browser test needs Chromium: running the pipeline goes on without it, and says so.
if (!chromium.ok) process.stderr.write(`setup: the dashboard's browser test will fail: ${chromium.reason}\n`);
const page = await ensurePageBuilt(DEFAULT_PAGE_DIR);
process.stderr.write(`setup: local broker and object store ready, dashboard page ${page} (${Date.now() - started} ms)\n`);
