// kafkajs reports a broker's refusal as a protocol error with a `type` (UNKNOWN_MEMBER_ID, ...),
// often wrapped (KafkaJSNonRetriableError, a sink's own error) with the original as `cause`.
// Decisions that depend on what the broker said look for the type anywhere in that chain.

/** The first error in `error`'s cause chain whose protocol `type` is one of `types`, if any. */
export function protocolErrorOfType(error: unknown, types: ReadonlySet<string>, depth = 0): Error | undefined {
  if (depth > 8 || error === null || typeof error !== 'object') return undefined;
  const candidate = error as Error & { type?: unknown; cause?: unknown };
  if (typeof candidate.type === 'string' && types.has(candidate.type)) return candidate;
  return protocolErrorOfType(candidate.cause, types, depth + 1);
}
