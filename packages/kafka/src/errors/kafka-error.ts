// The port's own errors: a stable code, the flags callers decide on, and the cause. The flags are
// set where the error is made (by this package, or by an adapter that translates a client's error),
// so no caller has to know which broker answer means "fenced" or "out of the group".
// Recognised by a brand (Symbol.for), not `instanceof` alone: a monorepo can load this module twice.

const kafkaErrorBrand = Symbol.for('@sl/kafka.KafkaError');

export interface KafkaErrorFlags {
  /** Doing the same again can succeed (an outage, a coordinator moving). */
  retriable: boolean;
  /** A newer producer with the same transactional id took over: this one can never commit again. */
  fenced?: boolean;
  /** The group coordinator no longer counts this member (rebalance, expired session): rejoin, commit nothing. */
  outOfGroup?: boolean;
  /** The idempotent producer's id is lost for good: only a new producer can send. */
  producerIdLost?: boolean;
  /** No broker could be reached. */
  unreachable?: boolean;
}

export class KafkaError extends Error implements Required<KafkaErrorFlags> {
  readonly code: string;
  readonly retriable: boolean;
  readonly fenced: boolean;
  readonly outOfGroup: boolean;
  readonly producerIdLost: boolean;
  readonly unreachable: boolean;
  readonly [kafkaErrorBrand] = true;
  constructor(code: string, message: string, flags: KafkaErrorFlags, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'KafkaError';
    this.code = code;
    this.retriable = flags.retriable;
    this.fenced = flags.fenced ?? false;
    this.outOfGroup = flags.outOfGroup ?? false;
    this.producerIdLost = flags.producerIdLost ?? false;
    this.unreachable = flags.unreachable ?? false;
  }
}

export function isKafkaError(error: unknown): error is KafkaError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[kafkaErrorBrand] === true;
}
