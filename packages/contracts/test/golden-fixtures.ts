// Where golden fixtures live and how they are read and written. One pair per record version:
// <Name>.v<N>.json, the value in Avro's JSON encoding (readable by any Avro tool, bytes and
// union branches spelled out), and <Name>.v<N>.bin, its exact single-object encoding.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SchemaVersion } from '../src/index.ts';

const FIXTURES_DIRECTORY = new URL('./fixtures/', import.meta.url);

export function fixtureUrls(version: SchemaVersion): { json: URL; bin: URL } {
  const base = `${version.name}.v${version.version}`;
  return { json: new URL(`${base}.json`, FIXTURES_DIRECTORY), bin: new URL(`${base}.bin`, FIXTURES_DIRECTORY) };
}

/** The fixture for `version`, decoded with that version's own type; undefined when absent. */
export function readFixture(version: SchemaVersion): { value: unknown; bytes: Buffer } | undefined {
  const urls = fixtureUrls(version);
  if (!existsSync(urls.json) || !existsSync(urls.bin)) return undefined;
  return { value: version.type.fromString(readFileSync(urls.json, 'utf8')), bytes: readFileSync(urls.bin) };
}

export function writeFixture(version: SchemaVersion, value: unknown, bytes: Buffer): void {
  const urls = fixtureUrls(version);
  const json = JSON.parse(version.type.toString(value)) as unknown;
  writeFileSync(urls.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(urls.bin, bytes);
}

/** Avro JSON of `value` under `version`, parsed: field order and union branches made explicit. */
export function avroJson(version: { type: SchemaVersion['type'] }, value: unknown): unknown {
  return JSON.parse(version.type.toString(value));
}
