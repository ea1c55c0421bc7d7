// An instance's config is checked once, before the first request, against the connector's zod
// schema; the error names every bad field by its path so the person editing the YAML can fix it.
import { z } from 'zod';
import type { Connector } from './connector.ts';
import { ConnectorError } from './connector-error.ts';

export function validateConnectorConfig<C>(connector: Connector<C, unknown>, instance: string, raw: unknown): Readonly<C> {
  const result = connector.configSchema.safeParse(raw ?? {});
  if (result.success) return deepFreeze(result.data);
  const problems = result.error.issues.map((issue) => `config.${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  throw new ConnectorError('INVALID_CONFIG', `connector "${instance}" (${connector.name}): ${problems.join('; ')}`);
}

export function validateCheckpoint<K>(connector: Connector<unknown, K>, instance: string, position: unknown): K {
  const result = connector.checkpointSchema.safeParse(position);
  if (result.success) return result.data;
  throw new ConnectorError('INVALID_CHECKPOINT', `connector "${instance}" (${connector.name}): stored checkpoint is not valid: ${z.prettifyError(result.error)}`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
