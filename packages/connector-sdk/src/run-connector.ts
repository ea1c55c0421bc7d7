// One run of a connector instance: load its checkpoint, read batches, and for each one validate
// the items, deliver them (mentions + dead letters, acknowledged) and only then save the batch's
// checkpoint. Shutdown (the signal) stops between batches; a batch that was delivered still gets
// its checkpoint saved, so a clean stop never repeats anything.
import type { Logger } from '@sl/observability';
import type { CheckpointStore } from './checkpoint-store.ts';
import type { Connector, Progress } from './connector.ts';
import { validateCheckpoint, validateConnectorConfig } from './connector-config.ts';
import { type ConnectorEventListener, fanOut, type RunOutcome } from './connector-events.ts';
import { createHttpClient, type HttpClientOptions } from './http-client.ts';
import type { MentionSink } from './mention-sink.ts';
import { validateItems } from './validate-items.ts';

export interface RunConnectorOptions<C, K> {
  connector: Connector<C, K>;
  /** The instance name: the checkpoint key, the `connector` label and log field. */
  instance: string;
  /** The instance's config as written (validated here). */
  config: unknown;
  checkpoints: CheckpointStore;
  sink: MentionSink;
  /** The process's logger; the run logs through a child with the instance and kind. */
  logger: Logger;
  signal?: AbortSignal;
  /** HTTP settings for this instance (timeouts, rate limit, and the sleep seam for tests). */
  http?: Omit<HttpClientOptions, 'connector' | 'signal' | 'onEvent'>;
  onEvent?: ConnectorEventListener;
  /** @default Date.now */
  now?: () => number;
  /** Cap on mention text length. @default the contracts' 20 000 */
  maxTextLength?: number;
}

export interface RunSummary<K> {
  outcome: Exclude<RunOutcome, 'failed'>;
  batches: number;
  accepted: number;
  rejected: number;
  /** The last saved position (the loaded one when nothing was read). */
  checkpoint: K | undefined;
}

export async function runConnector<C, K>(options: RunConnectorOptions<C, K>): Promise<RunSummary<K>> {
  const { connector, instance } = options;
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  const emit = fanOut(options.onEvent);
  const logger = options.logger.child({ component: 'connector', connector: instance, kind: connector.name });
  const config = validateConnectorConfig(connector, instance, options.config);
  const stored = await options.checkpoints.load(instance);
  let checkpoint = stored === undefined ? undefined : validateCheckpoint(connector, instance, stored.position);
  const http = createHttpClient({ ...options.http, connector: instance, signal, onEvent: emit });
  const totals = { batches: 0, accepted: 0, rejected: 0 };
  const finish = (outcome: RunOutcome) => emit({ type: 'run.finished', connector: instance, outcome, ...totals });

  logger.debug({ resumeFrom: checkpoint ?? null }, 'connector run starting');
  try {
    for await (const batch of connector.read({
      config,
      checkpoint,
      http,
      signal,
      logger,
      now,
      progress: (progress: Progress) => emit({ type: 'progress', connector: instance, ...progress, unit: progress.unit ?? 'items' }),
    })) {
      const { accepted, rejected, duplicates } = validateItems(batch.items, now(), { maxTextLength: options.maxTextLength });
      await options.sink.deliver({ connector: instance, mentions: accepted, rejected });
      emit({ type: 'batch.delivered', connector: instance, accepted: accepted.length, rejected: rejected.length });
      for (const item of rejected) logger.warn({ key: item.key, reason: item.reason }, 'item dead-lettered');
      if (duplicates > 0) logger.debug({ duplicates }, 'repeated ids in one batch sent once');
      // Only now is the batch durable: moving the checkpoint earlier could lose it in a crash.
      await options.checkpoints.save({ connector: instance, kind: connector.name, position: batch.checkpoint, savedAt: now() });
      emit({ type: 'checkpoint.saved', connector: instance });
      checkpoint = batch.checkpoint;
      totals.batches += 1;
      totals.accepted += accepted.length;
      totals.rejected += rejected.length;
      if (signal.aborted) break; // leaving the loop calls the generator's return(): it stops reading
    }
  } catch (error) {
    if (signal.aborted) {
      finish('aborted');
      return { outcome: 'aborted', ...totals, checkpoint };
    }
    finish('failed');
    throw error;
  }
  const outcome = signal.aborted ? 'aborted' : 'completed';
  finish(outcome);
  logger.debug({ ...totals, outcome }, 'connector run finished');
  return { outcome, ...totals, checkpoint };
}
