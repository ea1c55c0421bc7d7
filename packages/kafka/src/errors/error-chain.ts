// An error rarely arrives as it was made: a client wraps a broker's refusal in its own error, a
// sink wraps a failed commit, a retrier wraps the last attempt. Every decision that depends on what
// went wrong (retry it? fenced? out of the group? broker unreachable?) reads the whole chain, and
// this is the one walk of it: `cause`, `originalError` (older client errors) and an
// AggregateError's `errors`, depth first, at most MAX_DEPTH links below the error itself, each
// link once (a chain can loop).

/** Links below the error itself that are still read: deeper ones are taken to be a loop or noise. */
export const MAX_CHAIN_DEPTH = 8;

export interface ChainWalkOptions {
  /** Whether to read what a link wraps. @default always */
  descendInto?: (link: object) => boolean;
}

/** Every error in `error`'s chain, the error itself first; non-objects are not links. */
export function* errorChain(error: unknown, options: ChainWalkOptions = {}): Generator<object> {
  const seen = new Set<object>();
  const stack: Array<{ link: unknown; depth: number }> = [{ link: error, depth: 0 }];
  while (stack.length > 0) {
    const { link, depth } = stack.pop() as { link: unknown; depth: number };
    if (depth > MAX_CHAIN_DEPTH || link === null || typeof link !== 'object' || seen.has(link)) continue;
    seen.add(link);
    yield link;
    if (options.descendInto && !options.descendInto(link)) continue;
    const { cause, originalError, errors } = link as { cause?: unknown; originalError?: unknown; errors?: unknown };
    // Pushed in reverse so the walk reads cause, then originalError, then errors in order.
    if (Array.isArray(errors)) for (let i = errors.length - 1; i >= 0; i -= 1) stack.push({ link: errors[i], depth: depth + 1 });
    if (originalError !== undefined) stack.push({ link: originalError, depth: depth + 1 });
    if (cause !== undefined) stack.push({ link: cause, depth: depth + 1 });
  }
}

/** The first error in the chain that `matches`, if any. */
export function findInChain<T extends object>(
  error: unknown,
  matches: (link: object) => link is T,
  options?: ChainWalkOptions,
): T | undefined;
export function findInChain(error: unknown, matches: (link: object) => boolean, options?: ChainWalkOptions): object | undefined;
export function findInChain(error: unknown, matches: (link: object) => boolean, options: ChainWalkOptions = {}): object | undefined {
  for (const link of errorChain(error, options)) if (matches(link)) return link;
  return undefined;
}
