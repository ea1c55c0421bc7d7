// A consumer that stalled past its session (an event loop busy for seconds, a long GC) is dropped
// by the group coordinator; its next commit or heartbeat says so. Such an error is about this
// member, never about a record: the batch must be abandoned, uncommitted, and kafkajs must rejoin.
// kafkajs rejoins only when the protocol error itself (its `type`) reaches its fetch loop, but a
// commit wraps it in a KafkaJSNonRetriableError, so the cause chain is searched for it.

import { protocolErrorOfType } from './protocol-error-chain.ts';

/** Protocol errors after which kafkajs's fetch loop rejoins the group (see its runner). */
const rejoinTypes = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

/** The error in `error`'s cause chain that tells this member to rejoin its group, if any. */
export function groupRejoinError(error: unknown): Error | undefined {
  return protocolErrorOfType(error, rejoinTypes);
}
