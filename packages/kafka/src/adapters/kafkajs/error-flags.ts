// What a kafkajs error means for the port. kafkajs reports a broker's refusal as a protocol error
// with a `type` (UNKNOWN_MEMBER_ID, ...), often wrapped (KafkaJSNonRetriableError, a retrier's
// KafkaJSNumberOfRetriesExceeded) with the original as `cause`, and an unreachable broker as a
// KafkaJSConnectionError. This table is the only place those names are read; every client the
// adapter makes registers it with the port's flag readers (errors/client-error-flags.ts).
import { findInChain } from '../../errors/error-chain.ts';
import { fencedError, isBrokerUnreachable, isRetriable, outOfGroupError, producerIdLostError } from '../../errors/error-flags.ts';
import { isKafkaError, KafkaError, type KafkaErrorFlags } from '../../errors/kafka-error.ts';

/** A newer producer with the same transactional id, or an id this one may no longer use. */
const fencedTypes: ReadonlySet<string> = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_ID_MAPPING',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
// kafkajs sometimes reports a fence in a message only (a transaction state error).
const fencedMessage = /fenced|INVALID_PRODUCER_EPOCH|epoch/i;
/** Protocol errors after which kafkajs's fetch loop rejoins the group (see its runner). */
const outOfGroupTypes: ReadonlySet<string> = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);
/**
 * Errors after which an idempotent producer's id can never send again (see producer-fencing.ts):
 * kafkajs 2.2.4 has no epoch bump (KIP-360).
 */
const producerIdLostTypes: ReadonlySet<string> = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

const typeOf = (link: object): string | undefined => {
  const type = (link as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
};

/** The flags one link of a chain carries as kafkajs made it (not its causes). */
export function kafkajsErrorFlags(link: object): Omit<KafkaErrorFlags, 'retriable'> {
  const type = typeOf(link);
  const { name, message } = link as { name?: unknown; message?: unknown };
  return {
    fenced: (type !== undefined && fencedTypes.has(type)) || fencedMessage.test(String(message ?? '')),
    outOfGroup: type !== undefined && outOfGroupTypes.has(type),
    producerIdLost: type !== undefined && producerIdLostTypes.has(type),
    unreachable: name === 'KafkaJSConnectionError' || /^Connection (error|timeout)/.test(String(message ?? '')),
  };
}

/** The first error in `error`'s chain whose protocol `type` is one of `types`, if any. */
export function protocolErrorOfType(error: unknown, types: ReadonlySet<string>): (Error & { type: string }) | undefined {
  return findInChain(error, (link): link is Error & { type: string } => {
    const type = typeOf(link);
    return type !== undefined && types.has(type);
  });
}

/**
 * A kafkajs error as the port's KafkaError: its flags read once, here where the port receives it,
 * from its whole chain; the kafkajs error stays its cause (so a protocol error kafkajs must see to
 * rejoin is still found by outOfGroupError). Anything else passes through unchanged.
 */
export function fromKafkajsError(error: unknown): unknown {
  if (!(error instanceof Error) || isKafkaError(error)) return error;
  const type = findInChain(error, (link): link is { type: string } => typeOf(link) !== undefined)?.type;
  return new KafkaError(
    type ?? error.name,
    error.message,
    {
      retriable: isRetriable(error),
      fenced: fencedError(error) !== undefined,
      outOfGroup: outOfGroupError(error) !== undefined,
      producerIdLost: producerIdLostError(error) !== undefined,
      unreachable: isBrokerUnreachable(error),
    },
    error,
  );
}

/** `work`, with a kafkajs rejection turned into the port's error. */
export function portCall<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    throw fromKafkajsError(error);
  });
}
