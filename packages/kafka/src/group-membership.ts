// A consumer that stalled past its session (an event loop busy for seconds, a long GC) is dropped
// by the group coordinator; its next commit or heartbeat says so. Such an error is about this
// member, never about a record: the batch must be abandoned, uncommitted, and kafkajs must rejoin.
// kafkajs rejoins only when the protocol error itself (its `type`) reaches its fetch loop, but a
// commit wraps it in a KafkaJSNonRetriableError, so the cause chain is searched for it.

/** Protocol errors after which kafkajs's fetch loop rejoins the group (see its runner). */
const rejoinTypes = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

/** The error in `error`'s cause chain that tells this member to rejoin its group, if any. */
export function groupRejoinError(error: unknown, depth = 0): Error | undefined {
  if (depth > 8 || error === null || typeof error !== 'object') return undefined;
  const candidate = error as Error & { type?: unknown; cause?: unknown };
  if (typeof candidate.type === 'string' && rejoinTypes.has(candidate.type)) return candidate;
  return groupRejoinError(candidate.cause, depth + 1);
}
