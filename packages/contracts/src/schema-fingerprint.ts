// Parsing Canonical Form and its CRC-64-AVRO fingerprint: the identity of a schema on the wire.
// Two schemas with the same canonical form encode the same bytes, whatever their docs, defaults,
// aliases or whitespace, so they share one fingerprint.
import avsc from 'avsc';
import { crc64Avro } from './crc64-avro.ts';

/**
 * Parsing Canonical Form of an Avro schema (JSON text).
 *
 * avsc's `Type#schema()` with no options already emits it: full names, no namespace/doc/aliases/
 * default/order/logicalType, keys in the spec's order (name, type, fields, symbols, items,
 * values, size), primitives as bare strings, no whitespace. The unit test holds it to the
 * Avro project's own test vectors so an avsc upgrade that changes this fails loudly.
 */
export function parsingCanonicalForm(schema: unknown): string {
  return JSON.stringify(avsc.Type.forSchema(schema as avsc.Schema).schema());
}

/** Unsigned 64-bit CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form. */
export function schemaFingerprint(schema: unknown): bigint {
  return crc64Avro(Buffer.from(parsingCanonicalForm(schema), 'utf8'));
}

/** Fingerprint as 16 lower-case hex digits, the form used in schemas/fingerprints.json and messages. */
export function formatFingerprint(fingerprint: bigint): string {
  return fingerprint.toString(16).padStart(16, '0');
}
