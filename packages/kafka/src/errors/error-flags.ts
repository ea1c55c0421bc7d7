// The questions the stage loop, the producers and the CLI ask of an error, each answered from the
// whole cause chain (error-chain.ts): a port error (kafka-error.ts) answers with the flags it was
// made with, a client's error through its adapter's reader (client-error-flags.ts).
import { type ClientFlag, clientErrorCarries } from './client-error-flags.ts';
import { findInChain } from './error-chain.ts';
import { isKafkaError } from './kafka-error.ts';

function carries(link: object, flag: ClientFlag): boolean {
  return isKafkaError(link) ? link[flag] : clientErrorCarries(link, flag);
}

const programmingErrors = [TypeError, RangeError, ReferenceError, SyntaxError];
const isProgrammingError = (link: object): boolean => programmingErrors.some((type) => link instanceof type);

/**
 * Whether something in the chain says trying again can succeed (`retriable` or `canRetry` true);
 * never for a programming error, nor for what one wraps.
 */
export function isRetriable(error: unknown): boolean {
  const flagged = findInChain(
    error,
    (link) =>
      !isProgrammingError(link) &&
      ((link as { retriable?: unknown }).retriable === true || (link as { canRetry?: unknown }).canRetry === true),
    { descendInto: (link) => !isProgrammingError(link) },
  );
  return flagged !== undefined;
}

/** The error in the chain saying a newer producer took this transactional id over, if any. */
export function fencedError(error: unknown): Error | undefined {
  return findInChain(error, (link) => carries(link, 'fenced')) as Error | undefined;
}

/**
 * The error in the chain saying this member is out of its group, if any. The client's own error
 * is preferred to a port error wrapping it: the client rejoins only when it sees its own.
 */
export function outOfGroupError(error: unknown): Error | undefined {
  const own = findInChain(error, (link) => !isKafkaError(link) && clientErrorCarries(link, 'outOfGroup'));
  return (own ?? findInChain(error, (link) => carries(link, 'outOfGroup'))) as Error | undefined;
}

/** The error in the chain saying the idempotent producer's id is lost for good, if any. */
export function producerIdLostError(error: unknown): Error | undefined {
  return findInChain(error, (link) => carries(link, 'producerIdLost')) as Error | undefined;
}

/** Whether the chain says no broker could be reached (for a one-line "cannot reach Kafka"). */
export function isBrokerUnreachable(error: unknown): boolean {
  return findInChain(error, (link) => link instanceof Error && carries(link, 'unreachable')) !== undefined;
}
