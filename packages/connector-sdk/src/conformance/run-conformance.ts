// The conformance kit: the shared suite every connector's tests call against the connector's
// own local fixture server. It proves, with the real connector and the real SDK run loop:
// every valid item exactly once with a stable id; malformed items dead-lettered with a reason
// while the rest flow; resume from a checkpoint without loss or repeat; backoff on 429 (with
// Retry-After) and 5xx; no retry on other 4xx; config errors that name the field.
// Faults enter at two seams only: the fixture server's next responses, and the checkpoint save.
import { createRootLogger } from '@sl/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sleep } from '../abortable-sleep.ts';
import { createMemoryCheckpointStore, type MemoryCheckpointStore } from '../checkpoint-store.ts';
import type { Connector } from '../connector.ts';
import { isConnectorError } from '../connector-error.ts';
import type { ConnectorEvent } from '../connector-events.ts';
import { createMemoryMentionSink, type MemoryMentionSink } from '../mention-sink.ts';
import { type RunSummary, runConnector } from '../run-connector.ts';
import type { FixtureServer } from './fixture-server.ts';

export interface ConformanceOptions<C, K> {
  /** Suite title, e.g. 'rss'. */
  name: string;
  connector: Connector<C, K>;
  /** Starts the source's local server with its fixtures; omit for sources that are not HTTP (files). */
  startServer?: () => Promise<FixtureServer>;
  /** The instance config for the server (undefined when there is none). Page sizes should be small. */
  config: (server: FixtureServer | undefined) => unknown;
  /** What the fixtures hold. */
  expected: {
    /** Pipeline ids (`<source>:<id>`) of every valid item. */
    ids: readonly string[];
    /** How many items are malformed (each must be dead-lettered once, with a reason). At least 1. */
    rejected: number;
  };
  /** A config with one field wrong, and the path the error must name, e.g. `config.feeds`. */
  invalidConfig: { config: unknown; path: string };
  /** A Retry-After in seconds the 429 fault carries. @default 7 */
  retryAfterSeconds?: number;
}

interface Outcome<K> {
  sink: MemoryMentionSink;
  summary: RunSummary<K>;
  events: ConnectorEvent[];
  sleeps: number[];
}

export function runConnectorConformance<C, K>(options: ConformanceOptions<C, K>): void {
  const logger = createRootLogger({ service: `conformance-${options.name}`, level: process.env.LOG_LEVEL ?? 'silent' });
  let server: FixtureServer | undefined;
  const expectedIds = [...options.expected.ids].sort();

  // Each run gets its own sink; the store is passed in so runs can share it (resume).
  const run = async (store: MemoryCheckpointStore, stopAfterSaves?: number): Promise<Outcome<K>> => {
    const sink = createMemoryMentionSink();
    const events: ConnectorEvent[] = [];
    const sleeps: number[] = [];
    const controller = new AbortController();
    const sleep: Sleep = async (ms) => {
      sleeps.push(ms); // the wait chosen is recorded, not spent
    };
    const savesBefore = store.history.length;
    const checkpoints = {
      load: store.load,
      async save(checkpoint: Parameters<typeof store.save>[0]) {
        await store.save(checkpoint);
        if (stopAfterSaves !== undefined && store.history.length - savesBefore >= stopAfterSaves) controller.abort();
      },
    };
    const summary = await runConnector({
      connector: options.connector,
      instance: `conformance-${options.name}`,
      config: options.config(server),
      checkpoints,
      sink,
      logger,
      signal: controller.signal,
      http: { sleep },
      onEvent: (event) => events.push(event),
    });
    return { sink, summary, events, sleeps };
  };

  const ids = (sink: MemoryMentionSink) => sink.mentions.map((m) => m.id);

  describe(`${options.name} conformance`, () => {
    beforeAll(async () => {
      server = await options.startServer?.();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('reads every valid item exactly once and dead-letters each malformed one with a reason', async () => {
      expect(options.expected.rejected, 'fixtures must include malformed items').toBeGreaterThan(0);
      const { sink, summary } = await run(createMemoryCheckpointStore());
      expect(summary.outcome).toBe('completed');
      expect([...ids(sink)].sort()).toEqual(expectedIds);
      expect(sink.rejected).toHaveLength(options.expected.rejected);
      for (const rejected of sink.rejected) expect(rejected.reason).toMatch(/\S/);
      // Source ids are the pipeline ids: the source name prefix, the source's own id after it.
      for (const mention of sink.mentions) expect(mention.id).toBe(`${mention.source}:${mention.sourceId}`);
    });

    it('gives every item the same id and content on a second run from scratch (a replay dedupes)', async () => {
      const first = await run(createMemoryCheckpointStore());
      const second = await run(createMemoryCheckpointStore());
      expect(ids(second.sink)).toEqual(ids(first.sink));
      const withoutIngestTime = (sink: MemoryMentionSink) => sink.mentions.map(({ ingestedAt: _, ...rest }) => rest);
      expect(withoutIngestTime(second.sink)).toEqual(withoutIngestTime(first.sink));
      expect(second.sink.rejected.map((r) => r.key)).toEqual(first.sink.rejected.map((r) => r.key));
    });

    it('resumes from the checkpoint after a stop mid-way, without loss or repeat', async () => {
      const store = createMemoryCheckpointStore();
      const first = await run(store, 1);
      expect(first.summary.outcome).toBe('aborted');
      expect(first.summary.batches).toBe(1);
      const firstCount = first.sink.mentions.length + first.sink.rejected.length;
      expect(firstCount, 'fixtures must span at least two batches').toBeLessThan(expectedIds.length + options.expected.rejected);
      const second = await run(store);
      expect(second.summary.outcome).toBe('completed');
      const union = [...ids(first.sink), ...ids(second.sink)].sort();
      expect(union).toEqual(expectedIds);
      expect(first.sink.rejected.length + second.sink.rejected.length).toBe(options.expected.rejected);
      // Polling again from the final checkpoint finds nothing new.
      const third = await run(store);
      expect(third.sink.mentions).toHaveLength(0);
      expect(third.sink.rejected).toHaveLength(0);
    });

    it('resumes after a stop at every batch boundary, one batch per run, each item once', async () => {
      const store = createMemoryCheckpointStore();
      const seen: string[] = [];
      let rejected = 0;
      for (let runs = 0; ; runs += 1) {
        expect(runs, 'one batch per run must finish the fixtures').toBeLessThan(expectedIds.length + options.expected.rejected + 5);
        const before = JSON.stringify(store.history.at(-1)?.position ?? null);
        const outcome = await run(store, 1);
        seen.push(...ids(outcome.sink));
        rejected += outcome.sink.rejected.length;
        // Done when the source ran out, or when a run only confirmed the position it started from
        // (a walk that ends on an empty page saves the same checkpoint again).
        const after = JSON.stringify(store.history.at(-1)?.position ?? null);
        if (outcome.summary.outcome === 'completed' || after === before) break;
      }
      expect(seen.sort()).toEqual(expectedIds);
      expect(rejected).toBe(options.expected.rejected);
    });

    it('rejects an invalid config with the field path, before any request', async () => {
      const before = server?.requests.length ?? 0;
      const error = await runConnector({
        connector: options.connector,
        instance: 'bad',
        config: options.invalidConfig.config,
        checkpoints: createMemoryCheckpointStore(),
        sink: createMemoryMentionSink(),
        logger,
      }).catch((e: unknown) => e);
      expect(isConnectorError(error) && error.code).toBe('INVALID_CONFIG');
      expect((error as Error).message).toContain(options.invalidConfig.path);
      expect(server?.requests.length ?? 0).toBe(before);
    });

    if (options.startServer) {
      it('backs off on 429 honouring Retry-After and on 5xx, then reads everything', async () => {
        const retryAfter = options.retryAfterSeconds ?? 7;
        server?.injectFaults([{ status: 429, headers: { 'retry-after': String(retryAfter) }, body: 'slow down' }, { status: 503 }, { status: 500 }]);
        const { sink, events, sleeps } = await run(createMemoryCheckpointStore());
        expect([...ids(sink)].sort()).toEqual(expectedIds);
        const retries = events.filter((e) => e.type === 'http.retry');
        expect(retries.map((e) => e.reason)).toEqual(['rate-limited', 'server-error', 'server-error']);
        expect(sleeps[0]).toBe(retryAfter * 1000);
        expect(sleeps.slice(1, 3).every((ms) => ms > 0)).toBe(true);
      });

      it('does not retry a 4xx other than 429 and saves no checkpoint', async () => {
        server?.injectFaults([{ status: 404, body: 'no such thing' }]);
        const before = server?.requests.length ?? 0;
        const store = createMemoryCheckpointStore();
        const error = await run(store).catch((e: unknown) => e);
        expect(isConnectorError(error) && error.code).toBe('HTTP_CLIENT_ERROR');
        expect(isConnectorError(error) && error.retriable).toBe(false);
        expect((server?.requests.length ?? 0) - before).toBe(1);
        expect(store.history).toHaveLength(0);
      });
    }
  });
}
