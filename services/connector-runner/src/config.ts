// The connector runner's configuration: the environment, parsed once; the connectors file it
// names is read and checked whole at start-up (parseConnectorsFile).
import { parseConfig } from '@sl/observability';
import { z } from 'zod';

const brokers = z
  .string()
  .default('127.0.0.1:19092')
  .transform((list) => list.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port')).min(1));

const schema = z.object({
  /** Comma-separated host:port list. @default the embedded broker, 127.0.0.1:19092 */
  KAFKA_BROKERS: brokers,
  /** Prefix for every topic name (tests, shared clusters). @default '' */
  SL_TOPIC_NAMESPACE: z.string().default(''),
  /** The YAML file listing connector instances. @default 'connectors.yaml' */
  SL_CONNECTORS_FILE: z.string().min(1).default('connectors.yaml'),
  /** @default 127.0.0.1 */
  SL_OPS_HOST: z.string().default('127.0.0.1'),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9470 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9470),
  /** @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ConnectorRunnerConfig = z.infer<typeof schema>;

export function loadConnectorRunnerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<ConnectorRunnerConfig> {
  return parseConfig(schema, env);
}
