// One group member per live brand, each on that brand's topic in a group of its own: a Kafka group
// shares every subscribed topic among all its members, whatever each subscribed to, so brands
// sharing one group would be handed each other's topics. Brands come and go with brands.config;
// sync() starts and stops members to match, one change at a time, and tries a failed start again
// later (the broker may not be ready, the topic not yet created). Used by the alert dispatcher's
// consumers and the alert archive's sinks.
import type { Logger } from '@sl/observability';

export interface BrandMember {
  /** Leaves the group (a sink flushes and commits first). */
  stop(): Promise<void>;
}

export interface BrandMembersOptions<M extends BrandMember> {
  /** Starts a brand's member; a rejection is logged and the brand tried again after retryDelayMs. */
  start(brandId: string): Promise<M>;
  /** Names the members' work in log lines, e.g. 'consuming alerts'. */
  activity: string;
  /** A child logger of the owner's (its component). */
  logger: Logger;
  /** Called after each pass, with how many members run and how many brands want one. */
  onChange?: (running: number, wanted: number) => void;
  /** @default 5_000 ms */
  retryDelayMs?: number;
}

export interface BrandMembers<M extends BrandMember> {
  /** Run members for exactly these brands (applied asynchronously, in order). */
  sync(brandIds: Iterable<string>): void;
  /** Resolves once every change asked for so far has been tried. */
  settled(): Promise<void>;
  running(): string[];
  wanted(): string[];
  /** The running members by brand. */
  members(): ReadonlyMap<string, M>;
  /** Stops every member (after the change in progress) and starts no more. */
  stop(): Promise<void>;
}

export function createBrandMembers<M extends BrandMember>(options: BrandMembersOptions<M>): BrandMembers<M> {
  const log = options.logger;
  const running = new Map<string, M>();
  let wanted = new Set<string>();
  let stopping = false;
  let queued = false;
  let chain: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;

  const reconcile = async () => {
    queued = false;
    if (stopping) return;
    let failed = false;
    for (const [brandId, member] of running) {
      if (wanted.has(brandId)) continue;
      running.delete(brandId);
      await member.stop().catch((err: unknown) => log.warn({ err, brand: brandId }, `could not stop ${options.activity} cleanly`));
      log.info({ brand: brandId }, `stopped ${options.activity}: brand retired`);
    }
    for (const brandId of wanted) {
      if (running.has(brandId) || stopping) continue;
      try {
        running.set(brandId, await options.start(brandId));
      } catch (err) {
        failed = true;
        log.error({ err, brand: brandId }, `could not start ${options.activity} of a brand topic; will try again`);
      }
    }
    options.onChange?.(running.size, wanted.size);
    if (failed && !stopping && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        schedule();
      }, options.retryDelayMs ?? 5_000);
      retryTimer.unref();
    }
  };

  // brands.config reports every record; many changes in a row need one pass, not one each.
  const schedule = () => {
    if (queued) return;
    queued = true;
    chain = chain.then(reconcile, reconcile);
  };

  return {
    sync(brandIds) {
      wanted = new Set(brandIds);
      schedule();
    },
    settled: () => chain,
    running: () => [...running.keys()],
    wanted: () => [...wanted],
    members: () => running,
    async stop() {
      stopping = true;
      clearTimeout(retryTimer);
      await chain.catch(() => undefined);
      const members = [...running.values()];
      running.clear();
      await Promise.allSettled(members.map((member) => member.stop()));
    },
  };
}
