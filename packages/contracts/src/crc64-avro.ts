// CRC-64-AVRO, the Rabin fingerprint the Avro spec uses for schema fingerprints in single-object
// encoding. Table-driven over bytes, as the spec describes it; BigInt keeps all 64 bits exact.

/** The fingerprint of zero bytes, and the register's starting value (Avro spec: EMPTY). */
export const CRC64_AVRO_EMPTY = 0xc15d213aa4d7a795n;

const MASK_64 = 0xffffffffffffffffn;

const TABLE: readonly bigint[] = (() => {
  const table: bigint[] = [];
  for (let i = 0n; i < 256n; i++) {
    let fp = i;
    for (let bit = 0; bit < 8; bit++) {
      // Shift right one bit; when the bit shifted out was 1, fold the polynomial back in.
      fp = (fp >> 1n) ^ (CRC64_AVRO_EMPTY & -(fp & 1n));
    }
    table.push(fp & MASK_64);
  }
  return table;
})();

/** Unsigned 64-bit CRC-64-AVRO of `bytes`. */
export function crc64Avro(bytes: Uint8Array): bigint {
  let fp = CRC64_AVRO_EMPTY;
  for (const byte of bytes) {
    fp = (fp >> 8n) ^ (TABLE[Number((fp ^ BigInt(byte)) & 0xffn)] as bigint);
  }
  return fp;
}
