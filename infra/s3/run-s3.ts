// Runs the local S3 server in the foreground until Ctrl-C, for poking at it by hand.
import path from 'node:path';
import { dataDir } from '../paths.ts';
import { startS3Server } from './s3-server.ts';

const server = await startS3Server({
  dataDir: path.join(dataDir, 's3'),
  bucket: process.env.S3_BUCKET ?? 'sl-local',
  port: Number(process.env.S3_PORT ?? 19090),
});
process.stdout.write(
  `s3mock: ready at ${server.endpoint}, bucket ${server.bucket}, region ${server.region} (log: ${server.logFile}); Ctrl-C stops it\n`,
);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
