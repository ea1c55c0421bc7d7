// sl up: the embedded default (`npm start` without the set-up step): a local Kafka broker unless
// KAFKA_BROKERS names one, the object store, every service and a demo feed, in the foreground
// until Ctrl-C. It runs infra/up.ts, which prints where everything is.
import path from 'node:path';
import { childFailure, runChild } from '../child/run-child.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';
import { repoRoot } from '../repo-root.ts';

const usage = 'sl up';

export const up: Command = {
  name: 'up',
  summary: 'run everything locally: Kafka, the object store, every service and a demo feed, until Ctrl-C',
  usage,
  example: 'sl up',
  json: false,
  flagHelp: [
    ['env KAFKA_BROKERS', 'use this cluster instead of starting the local broker'],
    ['env S3_BUCKET, S3_ENDPOINT', 'write to this bucket instead of the local folder (SL_LOCAL_S3=1: start the local S3 server)'],
    ['env SL_DEMO=0, SL_DEMO_RATE', 'turn the demo feed off, or set its mentions per second (default 1; docs/demo.md)'],
    ['env SL_HTTP_PORT, SL_DATA_DIR', 'the gateway port (default 8080) and the data folder (default .sl)'],
  ],
  async run(_ctx, args) {
    rejectExtraArguments(args, 0, usage);
    const code = await runChild(process.execPath, [path.join(repoRoot, 'infra', 'up.ts')], { cwd: repoRoot });
    if (code !== 0) throw childFailure('infra/up.ts', code);
  },
};
