// Runs the local broker in the foreground until Ctrl-C, for poking at it by hand.
// SL_KAFKA_ADMIN_PASSWORD=... starts it secured instead (SASL/SCRAM-SHA-256 and ACLs, in its own
// data directory, since SCRAM users are written only when a directory is first formatted):
// SL_KAFKA_SCRAM_USERS="acme-team:pw1,globex-team:pw2" adds users, SL_KAFKA_TLS=1 adds TLS.
import path from 'node:path';
import { dataDir } from '../paths.ts';
import type { KafkaBrokerSecurityOptions } from './broker-security.ts';
import { startKafkaBroker } from './kafka-broker.ts';

function securityFromEnv(env: NodeJS.ProcessEnv): KafkaBrokerSecurityOptions | undefined {
  const adminPassword = env.SL_KAFKA_ADMIN_PASSWORD;
  if (!adminPassword) return undefined;
  const users = (env.SL_KAFKA_SCRAM_USERS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at <= 0) throw new Error('kafka: SL_KAFKA_SCRAM_USERS is a comma-separated list of user:password');
      return { username: entry.slice(0, at), password: entry.slice(at + 1) };
    });
  return { admin: { username: env.SL_KAFKA_ADMIN_USER ?? 'admin', password: adminPassword }, users, tls: env.SL_KAFKA_TLS === '1' };
}

const security = securityFromEnv(process.env);
const broker = await startKafkaBroker({
  dataDir: path.join(dataDir, security ? 'kafka-secure' : 'kafka'),
  port: Number(process.env.KAFKA_PORT ?? 19092),
  security,
});
const how = security
  ? ` with SASL/SCRAM-SHA-256${security.tls ? ` over TLS (CA: ${broker.caFile})` : ''}, super user ${security.admin.username}`
  : '';
process.stdout.write(`kafka: ready on ${broker.brokers.join(',')}${how} (log: ${broker.logFile}); Ctrl-C stops it\n`);
const stop = async () => {
  await broker.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
