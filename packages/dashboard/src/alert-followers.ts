// Follows alerts.<brand> for every brand the dashboard knows, into the hub: from the beginning of
// what the topic keeps, then live. A brand added later is picked up at the next check; a topic
// that does not exist yet (no alert raised for that brand so far) is tried again then too.
// Each follower is a throwaway consumer group that never commits and is deleted on stop.
import { randomBytes } from 'node:crypto';
import { alertsTopic, followTopic, isUnknownTopicError, type KafkaClient, renamed, type TopicFollower } from '@sl/kafka';
import type { Logger } from '@sl/observability';
import type { AlertHub } from './alert-hub.ts';

export interface AlertFollowersOptions {
  kafka: KafkaClient;
  hub: AlertHub;
  /** Ids of the brands to follow now. */
  brandIds: () => readonly string[];
  /** @default '' */
  namespace?: string;
  logger: Logger;
  /** How often new brands and missing topics are checked, ms. @default 10_000 */
  recheckMs?: number;
}

export interface AlertFollowers {
  /** Brands whose topic is being followed. */
  readonly following: ReadonlySet<string>;
  stop(): Promise<void>;
}

export async function startAlertFollowers(options: AlertFollowersOptions): Promise<AlertFollowers> {
  const log = options.logger.child({ component: 'alert-followers' });
  const namespace = options.namespace ?? '';
  const followers = new Map<string, TopicFollower>();
  const starting = new Set<string>();
  let stopped = false;

  const follow = async (brandId: string): Promise<void> => {
    const topic = renamed(alertsTopic(brandId), `${namespace}${alertsTopic(brandId).name}`);
    starting.add(brandId);
    try {
      const follower = await followTopic(options.kafka, topic, {
        from: 'beginning',
        groupId: `${namespace}sl-dashboard-alerts-${brandId}-${randomBytes(6).toString('hex')}`,
        onRecord: (record) => options.hub.add(brandId, { partition: record.partition, offset: BigInt(record.offset), alert: record.value }),
        onUndecodable: ({ partition, offset, error }) => log.warn({ topic: topic.name, partition, offset, err: error }, 'skipped a record that is not a readable alert'),
      });
      if (stopped) {
        await follower.stop();
        return;
      }
      followers.set(brandId, follower);
      log.info({ topic: topic.name }, 'following alerts');
      // A follower that fails for good is dropped, and started again at the next check.
      follower.done.catch((error: unknown) => {
        log.warn({ topic: topic.name, err: error }, 'alert follower failed; restarting at the next check');
        followers.delete(brandId);
      });
    } catch (error) {
      if (!isUnknownTopicError(error)) log.warn({ topic: topic.name, err: error }, 'could not follow alerts; trying again at the next check');
    } finally {
      starting.delete(brandId);
    }
  };

  const check = async () => {
    const wanted = new Set(options.brandIds());
    await Promise.all([...wanted].filter((id) => !followers.has(id) && !starting.has(id)).map(follow));
    for (const [id, follower] of followers) {
      if (wanted.has(id)) continue;
      followers.delete(id);
      await follower.stop();
    }
  };

  // Not awaited: a broker that is slow to answer must not hold up the dashboard's start.
  let checking = true;
  const first = check().finally(() => {
    checking = false;
  });
  const timer = setInterval(() => {
    if (checking || stopped) return;
    checking = true;
    check().finally(() => {
      checking = false;
    });
  }, options.recheckMs ?? 10_000);

  return {
    get following() {
      return new Set(followers.keys());
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await first;
      await Promise.all([...followers.values()].map((f) => f.stop()));
      followers.clear();
    },
  };
}
