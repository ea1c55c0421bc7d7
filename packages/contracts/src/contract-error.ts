// Errors raised by the contracts package. Every one is a programming or data fault, never a
// transient one: retrying the same bytes gives the same failure, so `retriable` is always false
// and a consumer sends the record to its dead-letter topic instead.

export type ContractErrorCode =
  /** The bytes do not start with the single-object marker 0xC3 0x01. */
  | 'BAD_MAGIC'
  /** The writer schema's fingerprint matches no known version of this record. */
  | 'UNKNOWN_SCHEMA_FINGERPRINT'
  /** The header or the Avro body ends before the record does. */
  | 'TRUNCATED_BODY'
  /** The body is not a valid Avro encoding of the writer schema (bad union index, trailing bytes...). */
  | 'INVALID_BODY'
  /** A value handed to encode() does not match the schema. */
  | 'INVALID_RECORD';

// A registry symbol (Symbol.for) survives the package being loaded twice in one process, where
// `instanceof` would not: two copies of this module share the same symbol.
const contractErrorBrand = Symbol.for('@sl/contracts.ContractError');

export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly retriable = false as const;
  /** The record name the error is about, e.g. 'RawMention'. */
  readonly contract: string;
  readonly [contractErrorBrand] = true;

  constructor(code: ContractErrorCode, contract: string, message: string, options?: { cause?: unknown }) {
    super(`${contract}: ${message}`, options);
    this.name = 'ContractError';
    this.code = code;
    this.contract = contract;
  }
}

export function isContractError(error: unknown): error is ContractError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[contractErrorBrand] === true;
}
