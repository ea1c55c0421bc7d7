// The level a kafkajs log line gets in our logs. kafkajs logs at error level every broker answer
// it is about to retry and every consumer crash it restarts by itself: on a clean start the group
// coordinator is still loading its offsets topic, topics just created are not yet in every
// answer, services create the same topics at once, a transactional producer meets the end of its
// previous transaction (CONCURRENT_TRANSACTIONS), a group rebalances as its members join. None of
// that needs a person, and lines at error level that do not need one teach operators to ignore
// the level. A line about one of these conditions is logged at debug (one per broker answer,
// which the client retries or hands to its caller, who decides) or info (a consumer restart), and
// counted; everything else keeps the level kafkajs gave it.
import { protocolErrorOfType } from './error-flags.ts';

/** Broker answers kafkajs 2.2.4 retries by itself (by retry, re-join or consumer restart), named by its protocol error type. */
export const retriedConditions: ReadonlyMap<string, string> = new Map([
  // The group or transaction coordinator is moving or loading its partition of __consumer_offsets
  // or __transaction_state: on a fresh broker, after a restart, after leadership moves.
  ['GROUP_LOAD_IN_PROGRESS', 'coordinator-loading'],
  ['GROUP_COORDINATOR_NOT_AVAILABLE', 'coordinator-not-available'],
  ['NOT_COORDINATOR_FOR_GROUP', 'coordinator-moved'],
  // The previous transaction of this transactional id is still being completed.
  ['CONCURRENT_TRANSACTIONS', 'concurrent-transaction'],
  // Members join and leave: the group rebalances and every member re-joins.
  ['REBALANCE_IN_PROGRESS', 'rebalance'],
  ['ILLEGAL_GENERATION', 'rebalance'],
  ['MEMBER_ID_REQUIRED', 'rebalance'],
  // Partition leadership is (re)elected, e.g. right after a topic is created.
  ['LEADER_NOT_AVAILABLE', 'leader-election'],
  ['NOT_LEADER_FOR_PARTITION', 'leader-election'],
  // A topic created a moment ago is not yet in every metadata answer: kafkajs refreshes and
  // retries, ensureTopics waits for its leaders; one that never appears fails the caller.
  ['UNKNOWN_TOPIC_OR_PARTITION', 'topic-not-yet-known'],
  // A member that missed its session (a stalled process, a broker restart): kafkajs re-joins.
  ['UNKNOWN_MEMBER_ID', 'member-expired'],
]);

/**
 * Conditions whose consumer crash (kafkajs restarts the consumer) is routine. A topic that stays
 * unknown is not: the consumer would restart forever on a topic nobody created.
 */
const routineCrashes: ReadonlySet<string> = new Set([
  'coordinator-loading',
  'coordinator-not-available',
  'coordinator-moved',
  'concurrent-transaction',
  'rebalance',
  'leader-election',
  'member-expired',
]);

/** What kafkajs hands its log creator; `log.error` is the error's message when the line is about one. */
export interface ClientLogEntry {
  namespace: string;
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The line's `error` field: kafkajs puts the error's message (a string) there. */
  error?: unknown;
}

export interface ClientLogLevel {
  level: 'error' | 'warn' | 'info' | 'debug';
  /** The retried condition the line is about, when it is one. */
  condition?: string;
}

/** Protocol error messages (as kafkajs words them) to their type; the messages come from kafkajs's own catalogue. */
export type ProtocolErrorMessages = ReadonlyMap<string, string>;

export function protocolErrorMessages(catalogue: ReadonlyArray<{ type: string; message: string }>): ProtocolErrorMessages {
  return new Map(catalogue.map(({ type, message }) => [message, type]));
}

const crashPrefix = /^Crash: (\w+): /;
const seedBrokerPrefix = /^Failed to connect to seed broker, trying another broker from the list: /;
/** kafkajs's words for a socket that could not reach a broker or lost it. */
const networkFailure = /^(Connection timeout$|Connection error: (connect |read |write )?(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b)/;

/**
 * The level for one kafkajs line. kafkajs writes the broker's answer as the error's message,
 * either in the line's `error` field ("Response JoinGroup(...)", "Could not create topics") or in
 * the message itself ("Crash: KafkaJSProtocolError: <answer>", "Failed to send messages: <answer>",
 * "<answer>, resync group").
 */
export function clientLogLevel(entry: ClientLogEntry, messages: ProtocolErrorMessages): ClientLogLevel {
  const condition = conditionInLine(entry, messages);
  if (entry.namespace === 'Consumer' && /^Restarting the consumer in \d+ms$/.test(entry.message)) {
    // kafkajs restarts only after a retriable crash; the crash line says whether it needs a person.
    return { level: 'info', condition: 'consumer-restart' };
  }
  if (entry.namespace === 'Runner' && entry.message === 'The group is rebalancing, re-joining') {
    return { level: 'info', condition: 'rebalance' };
  }
  if (entry.namespace === 'Connection' && entry.message.startsWith('Response CreateTopics(') && entry.error === 'Topic creation errors') {
    // Per-topic errors, handed to the caller: TOPIC_ALREADY_EXISTS when services create the same
    // topic at once (kafkajs and ensureTopics take it as done); anything else fails ensureTopics.
    return { level: 'debug', condition: 'create-topics-answer' };
  }
  if (entry.message.startsWith('KafkaJS v2.0.0 switched default partitioner.')) {
    // Said once per process about kafkajs's own history; the project uses the v2 default (the Java client's murmur2).
    return { level: 'info' };
  }
  const connectionFailure = entry.namespace === 'BrokerPool' ? entry.message.replace(seedBrokerPrefix, '') : entry.message;
  if ((entry.namespace === 'Connection' || entry.namespace === 'BrokerPool') && networkFailure.test(connectionFailure)) {
    // One failed attempt to reach a broker (it restarts, or is gone): kafkajs tries again. Worth
    // seeing, so warn; when it lasts, the consumer crash or the caller's error that follows is
    // at error level. A TLS or certificate failure is not in this list: retrying cannot fix it.
    return { level: 'warn', condition: 'broker-unreachable' };
  }
  if (entry.namespace === 'Runner' && condition === 'member-expired') {
    // "re-joining the group": kafkajs recovers, but a member that lost its session stalled for
    // longer than the session timeout, which may be worth a look.
    return { level: 'warn', condition };
  }
  if (condition === undefined) return { level: entry.level };
  if (entry.namespace === 'Consumer' && crashPrefix.test(entry.message)) {
    if (!routineCrashes.has(condition)) return { level: entry.level, condition };
    // A crash after kafkajs ran out of retries means the condition lasted: worth a look, not a page.
    const exhausted = entry.message.startsWith('Crash: KafkaJSNumberOfRetriesExceeded: ');
    return { level: exhausted ? 'warn' : 'info', condition };
  }
  // One broker answer that kafkajs retries.
  return { level: 'debug', condition };
}

function conditionInLine(entry: ClientLogEntry, messages: ProtocolErrorMessages): string | undefined {
  const texts = typeof entry.error === 'string' ? [entry.error, entry.message] : [entry.message];
  for (const text of texts) {
    const type = messages.get(answerIn(text));
    const condition = type === undefined ? undefined : retriedConditions.get(type);
    if (condition !== undefined) return condition;
  }
  return undefined;
}

/** The broker's answer inside one of kafkajs's wordings. */
function answerIn(text: string): string {
  return text
    .replace(crashPrefix, '')
    .replace(/^Failed to send messages: /, '')
    .replace(/, resync group$/, '');
}

/** The retried condition an error (or anything in its cause chain) reports, if any; for our own logs of a consumer restart. */
export function retriedConditionOf(error: unknown): string | undefined {
  const found = protocolErrorOfType(error, retriedTypes);
  return found === undefined ? undefined : retriedConditions.get(found.type);
}

const retriedTypes: ReadonlySet<string> = new Set(retriedConditions.keys());
