// Follows alerts.<brand> and prints each alert once, until SIGINT/SIGTERM, --limit, --timeout-ms
// or a closed stdout (`| head`). Every way out leaves the consumer disconnected and its
// throwaway group deleted: a person watching alerts must not show up as a lagging stage.
import { randomBytes } from 'node:crypto';
import type { Alert } from '@sl/contracts';
import { alertsTopic, followTopic, isUnknownTopicError, renamed, type TopicFollower } from '@sl/kafka';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { formatAlertLine } from './alert-line.ts';
import { createSeenIds } from './seen-ids.ts';
import type { TailOptions } from './tail-options.ts';

type EndReason = 'signal' | 'limit' | 'timeout' | 'output closed';

export async function tailAlerts(ctx: CliContext, options: TailOptions): Promise<void> {
  const topic = renamed(alertsTopic(options.brand), `${ctx.namespace}${alertsTopic(options.brand).name}`);
  const colour = !ctx.json && process.stdout.isTTY === true && !ctx.env.NO_COLOR;
  const seen = createSeenIds();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let printed = 0;

  const ended = Promise.withResolvers<EndReason>();
  ended.promise.catch(() => {});
  const end = (reason: EndReason) => ended.resolve(reason);
  const onSignal = () => end('signal');
  const onOutputError = (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? end('output closed') : ended.reject(error));
  // Installed before connecting, so Ctrl-C during start-up also stops cleanly; `once`, so a
  // second Ctrl-C while stopping takes Node's default and ends the process at once.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.stdout.on('error', onOutputError);
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => end('timeout'), options.timeoutMs);

  const print = (alert: Alert) => {
    if (printed >= limit) return;
    if (options.kinds && !options.kinds.has(alert.kind)) return;
    if (!seen.firstTime(alert.id)) return;
    ctx.out(ctx.json ? JSON.stringify(alert) : formatAlertLine(alert, { colour }));
    printed += 1;
    if (printed >= limit) end('limit');
  };

  let follower: TopicFollower | undefined;
  let reason: EndReason;
  try {
    follower = await followTopic(ctx.kafka(), topic, {
      from: options.fromBeginning ? 'beginning' : 'end',
      // Prefixed with the namespace, like the topic, so one environment's ACLs cover it.
      groupId: `${ctx.namespace}sl-alerts-tail-${options.brand}-${randomBytes(6).toString('hex')}`,
      onRecord: (record) => print(record.value),
      onUndecodable: ({ partition, offset, error }) =>
        ctx.err(`sl: skipped ${topic.name} partition ${partition} offset ${offset}, not a readable alert: ${(error as Error).message}`),
    }).catch((error: unknown) => {
      if (isUnknownTopicError(error))
        throw new CliError(`no alerts for brand "${options.brand}": topic ${topic.name} does not exist; sl brands list shows the brands`);
      throw error;
    });
    const failed = follower.done.then(
      () => ended.promise,
      (error: unknown) => {
        throw new CliError(`following ${topic.name} failed: ${(error as Error).message}`);
      },
    );
    reason = await Promise.race([ended.promise, failed]);
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.stdout.off('error', onOutputError);
    if (follower) {
      const { groupDeleted } = await follower.stop();
      if (!groupDeleted)
        ctx.logger.warn(
          { groupId: follower.groupId },
          "could not delete the tail's consumer group; it holds no offsets and expires on its own",
        );
    }
  }
  // A script waiting for N alerts learns that they did not come.
  if (reason === 'timeout' && options.limit !== undefined && printed < options.limit) {
    throw new CliError(`timed out after ${options.timeoutMs} ms with ${printed} of ${options.limit} alerts`);
  }
}
