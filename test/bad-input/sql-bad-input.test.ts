// Runs the `sl query` corpus (sql-cases.ts) through the real CLI (packages/cli/bin/sl, a process
// of its own) against a throwaway data folder: each hostile statement must end with a non-zero
// exit and one line on stderr, print nothing from outside the data, and leave every file in the
// sandbox (data included) as it was. HOME points into the sandbox so ~/.duckdb is watched too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRawMentions, rawArchiveKey } from '@sl/archive';
import { repoRoot } from '@sl/infra/paths';
import { createLocalObjectStore } from '@sl/object-store';
import { rawMentionFixture } from '@sl/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET, type SqlCase, type SqlSandbox, sqlCases } from './sql-cases.ts';

const SL = path.join(repoRoot, 'packages', 'cli', 'bin', 'sl');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSl(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { S3_BUCKET: _bucket, S3_ENDPOINT: _endpoint, SL_DATA_DIR: _data, ...inherited } = process.env;
    const child = spawn(SL, args, { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // A statement that waits on the network must not hold the suite; a kill counts as a failure.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file under `root` with its size: what a case must leave untouched. */
function snapshot(root: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(root, full)] = entry.isFile() ? fs.statSync(full).size : -1;
  }
  return files;
}

async function makeSandbox(): Promise<SqlSandbox & { root: string; home: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bad-sql-'));
  const data = path.join(root, 'data');
  const objects = path.join(data, 'objects');
  const outside = path.join(root, 'outside');
  const home = path.join(root, 'home');
  for (const dir of [objects, outside, home]) fs.mkdirSync(dir, { recursive: true });
  const secretFile = path.join(outside, 'secret.txt');
  fs.writeFileSync(secretFile, `${SECRET}\n`);
  const store = createLocalObjectStore({ root: objects });
  const records = [1, 2, 3].map((n) => ({
    topic: 't',
    partition: 0,
    offset: String(n - 1),
    key: null,
    value: rawMentionFixture(n),
    headers: {},
    timestamp: 0,
  }));
  await store.put(
    rawArchiveKey({ prefix: 'raw/v1', source: 'rss', date: '2026-11-24', partition: 0, firstOffset: '0', lastOffset: '2' }),
    encodeRawMentions(records),
  );
  return { root, data, objects, outside, secretFile, home };
}

describe('hostile SQL through sl query', () => {
  let box: Awaited<ReturnType<typeof makeSandbox>>;
  beforeEach(async () => {
    box = await makeSandbox();
  });
  afterEach(() => {
    fs.rmSync(box.root, { recursive: true, force: true });
  });

  const query = (sql: string) => runSl(['query', sql], { SL_DATA_DIR: box.data, HOME: box.home }, box.root);

  it('answers a plain SELECT over the views and touches nothing (the harness works)', async () => {
    const before = snapshot(box.root);
    const run = await query('SELECT count(*) AS n FROM raw_mentions');
    expect(run).toEqual({ code: 0, stdout: 'n\n3\n', stderr: '' });
    expect(snapshot(box.root)).toEqual(before);
  });

  it('are distinct kinds', () => {
    const kinds = sqlCases.map((c) => c.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  const check = async (c: SqlCase) => {
    const before = snapshot(box.root);
    const run = await query(c.sql(box));
    expect(run.code).toBe(c.exitCode ?? 1);
    // One line on stderr: "sl: <reason>".
    expect(run.stderr).toMatch(/^sl: [^\n]+\n$/);
    expect(run.stderr.slice('sl: '.length, -1)).toMatch(c.reason);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stdout).not.toMatch(/root:x:0:0/);
    expect(snapshot(box.root)).toEqual(before);
  };

  for (const c of sqlCases) {
    const name = `${c.kind}: ${c.about}`;
    it(name, () => check(c));
  }
});
