// The file that lists connector instances (YAML or JSON, YAML being a superset): each instance's
// name, kind, config and poll interval. It is checked whole at start-up, each instance's config
// against its connector's schema, and every error names the instance, the field and the line.
import { isConnectorError, validateConnectorConfig } from '@sl/connector-sdk';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { connectorsByKind } from './connector-catalog.ts';

const instanceSchema = z.object({
  /** Instance name: the checkpoint key and the `connector` label. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'expected lower-case letters, digits, ".", "_" or "-"'),
  kind: z.string(),
  /** The connector's own config (see `sl connectors list`). */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Wait between runs, seconds. @default 300 */
  pollIntervalSeconds: z.number().positive().default(300),
  /** @default true */
  enabled: z.boolean().default(true),
  /** Per-instance HTTP settings. */
  http: z
    .object({
      /** Minimum spacing between requests, ms (the source's rate limit). @default 0 */
      minIntervalMs: z.number().int().min(0).optional(),
      /** Per-request timeout, ms. @default 15_000 */
      timeoutMs: z.number().int().positive().optional(),
      /** Attempts per request. @default 5 */
      maxAttempts: z.number().int().positive().optional(),
      userAgent: z.string().optional(),
    })
    .default({}),
});

const fileSchema = z.object({ connectors: z.array(instanceSchema) });

export type ConnectorInstanceSpec = z.output<typeof instanceSchema>;

export class ConnectorsFileError extends Error {
  readonly code = 'INVALID_CONNECTORS_FILE';
  readonly retriable = false;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConnectorsFileError';
    this.problems = problems;
  }
}

export function parseConnectorsFile(text: string, file = 'connectors.yaml'): ConnectorInstanceSpec[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConnectorsFileError(file, document.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => {
    // The deepest node that exists on the path: a missing field is reported at its parent.
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = document.getIn(path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const where = (path: ReadonlyArray<PropertyKey>) => {
    const line = lineOf(path);
    return `${line === undefined ? '' : `line ${line}: `}${path.map(String).join('.') || '(root)'}`;
  };
  const parsed = fileSchema.safeParse(document.toJS());
  if (!parsed.success) throw new ConnectorsFileError(file, parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`));

  const problems: string[] = [];
  const names = new Set<string>();
  parsed.data.connectors.forEach((instance, index) => {
    if (names.has(instance.name)) problems.push(`${where(['connectors', index, 'name'])}: "${instance.name}" is listed twice`);
    names.add(instance.name);
    const connector = connectorsByKind.get(instance.kind);
    if (connector === undefined) {
      problems.push(`${where(['connectors', index, 'kind'])}: unknown kind "${instance.kind}" (known: ${[...connectorsByKind.keys()].join(', ')})`);
      return;
    }
    try {
      validateConnectorConfig(connector, instance.name, instance.config);
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      problems.push(`${where(['connectors', index, 'config'])}: ${error.message}`);
    }
  });
  if (problems.length > 0) throw new ConnectorsFileError(file, problems);
  return parsed.data.connectors;
}
