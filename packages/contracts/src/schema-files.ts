// Reads the published Avro schemas from the repository's schemas/ folder at module load.
// Files, not JSON imports: Node runs this package from source with type stripping and no bundler,
// and `.avsc` is not a JSON import it would accept. The folder is found relative to this file.
import { readdirSync, readFileSync } from 'node:fs';
import avsc from 'avsc';
import { schemaFingerprint } from './schema-fingerprint.ts';

export const SCHEMAS_DIRECTORY = new URL('../../../schemas/', import.meta.url);

/** One published version of one record. */
export interface SchemaVersion {
  readonly name: string;
  readonly version: number;
  /** The schema JSON exactly as in the `.avsc` file (docs and defaults included). */
  readonly schema: object;
  readonly type: avsc.Type;
  /** CRC-64-AVRO of the Parsing Canonical Form, unsigned. */
  readonly fingerprint: bigint;
  /** Path relative to the repository root, for messages. */
  readonly file: string;
}

/** Build one version from schema JSON. Also used by tests to feed the checker hypothetical versions. */
export function schemaVersion(name: string, version: number, schema: object, file = 'in memory'): SchemaVersion {
  return {
    name,
    version,
    schema,
    type: avsc.Type.forSchema(schema as avsc.Schema),
    fingerprint: schemaFingerprint(schema),
    file,
  };
}

/**
 * All versions of record `name` in schemas/<directory>/, oldest first. Files are named
 * `<Name>.v<N>.avsc`; versions must run 1..N with no gap, since a gap means a published
 * version was deleted and data written with it could no longer be read.
 */
export function loadSchemaVersions(directory: string, name: string): SchemaVersion[] {
  const folder = new URL(`${directory}/`, SCHEMAS_DIRECTORY);
  const pattern = new RegExp(`^${name}\\.v([1-9][0-9]*)\\.avsc$`);
  const versions = readdirSync(folder)
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => {
      const text = readFileSync(new URL(file, folder), 'utf8');
      return schemaVersion(name, Number(match[1]), JSON.parse(text) as object, `schemas/${directory}/${file}`);
    })
    .sort((a, b) => a.version - b.version);
  versions.forEach((found, index) => {
    if (found.version !== index + 1) {
      throw new Error(`schemas/${directory}: expected ${name}.v${index + 1}.avsc, found ${found.file}; published versions are never removed`);
    }
  });
  if (versions.length === 0) throw new Error(`schemas/${directory}: no ${name}.v<N>.avsc file`);
  return versions;
}
