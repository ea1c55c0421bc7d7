// Polls every enabled instance of a connectors file into one sink and one checkpoint store:
// what the connector runner service (and `sl connectors run`) drive. Instances run side by side;
// one failing never stops the others (the poll loop logs and retries it).
import {
  type CheckpointStore,
  type ConnectorEventListener,
  type MentionSink,
  type PollHandle,
  type PollStatus,
  pollConnector,
  type Sleep,
} from '@sl/connector-sdk';
import type { Logger } from '@sl/observability';
import { connectorsByKind } from './connector-catalog.ts';
import type { ConnectorInstanceSpec } from './connectors-file.ts';

export interface RunInstancesOptions {
  instances: readonly ConnectorInstanceSpec[];
  sink: MentionSink;
  checkpoints: CheckpointStore;
  logger: Logger;
  signal: AbortSignal;
  onEvent?: ConnectorEventListener;
  /** Runs per instance; the CLI's `run NAME` uses 1. @default Infinity */
  maxRuns?: number;
  sleep?: Sleep;
}

export interface RunningInstances {
  /** Resolves when every instance has stopped. */
  readonly done: Promise<void>;
  status(): Record<string, PollStatus>;
}

export function runInstances(options: RunInstancesOptions): RunningInstances {
  const handles = new Map<string, PollHandle<unknown>>();
  for (const instance of options.instances) {
    if (!instance.enabled) continue;
    const connector = connectorsByKind.get(instance.kind);
    if (connector === undefined) throw new Error(`unknown connector kind "${instance.kind}" (the file parser lets none through)`);
    const http = Object.fromEntries(Object.entries(instance.http).filter(([, v]) => v !== undefined));
    handles.set(
      instance.name,
      pollConnector({
        connector,
        instance: instance.name,
        config: instance.config,
        checkpoints: options.checkpoints,
        sink: options.sink,
        logger: options.logger,
        signal: options.signal,
        http: { ...http, ...(options.sleep ? { sleep: options.sleep } : {}) },
        intervalMs: instance.pollIntervalSeconds * 1000,
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.maxRuns === undefined ? {} : { maxRuns: options.maxRuns }),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      }),
    );
  }
  return {
    done: Promise.all([...handles.values()].map((h) => h.done)).then(() => undefined),
    status: () => Object.fromEntries([...handles].map(([name, handle]) => [name, handle.status()])),
  };
}
