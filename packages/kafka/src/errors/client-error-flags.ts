// How the port reads a flag off an error a client made and the adapter did not wrap (a failed
// commit inside a sink's own error, a crash a client reports): each adapter registers a reader
// that knows its client's error names (adapters/kafkajs/error-flags.ts), so this directory never
// imports an adapter.
import type { KafkaErrorFlags } from './kafka-error.ts';

export type ClientFlag = Exclude<keyof KafkaErrorFlags, 'retriable'>;

/** The flags one link of a chain carries as its client made it (not its causes). */
export type ClientErrorFlagReader = (link: object) => Partial<Record<ClientFlag, boolean>>;

const readers: ClientErrorFlagReader[] = [];

/** Called by an adapter when it is loaded; registering the same reader twice is a no-op. */
export function registerClientErrorFlags(reader: ClientErrorFlagReader): void {
  if (!readers.includes(reader)) readers.push(reader);
}

/** Whether any registered adapter says `link` carries `flag`. */
export function clientErrorCarries(link: object, flag: ClientFlag): boolean {
  return readers.some((read) => read(link)[flag] === true);
}
