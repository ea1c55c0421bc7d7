// Runs the local broker in the foreground until Ctrl-C, for poking at it by hand.
import path from 'node:path';
import { dataDir } from '../paths.ts';
import { startKafkaBroker } from './kafka-broker.ts';

const broker = await startKafkaBroker({
  dataDir: path.join(dataDir, 'kafka'),
  port: Number(process.env.KAFKA_PORT ?? 19092),
});
process.stdout.write(`kafka: ready on ${broker.brokers.join(',')} (log: ${broker.logFile}); Ctrl-C stops it\n`);
const stop = async () => {
  await broker.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
