// The launcher's promises: loopback only, objects kept across a restart, clean stop.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3Server } from './s3-server.ts';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-s3-server-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Local addresses of the TCP sockets `pid` listens on, as `ss` prints them. */
function listeningAddresses(pid: number): string[] {
  const out = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[3] ?? '');
}

const hasSs = (() => {
  try {
    execFileSync('ss', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

it.runIf(hasSs)('listens on 127.0.0.1 only, both connectors', async () => {
  const server = await startS3Server({ dataDir: path.join(dataDir, 'loopback'), bucket: 'loopback' });
  try {
    const addresses = listeningAddresses(server.pid);
    expect(addresses.length).toBe(2);
    for (const address of addresses) expect(address).toMatch(/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/);
    expect(addresses.some((address) => address.endsWith(`:${new URL(server.endpoint).port}`))).toBe(true);
  } finally {
    await server.stop();
  }
}, 90_000);

it('keeps the bucket and its objects when restarted on the same folder', async () => {
  const folder = path.join(dataDir, 'restart');
  const first = await startS3Server({ dataDir: folder, bucket: 'kept' });
  const url = `${first.endpoint}/kept/date=2026-11-24/a.txt`;
  try {
    expect((await fetch(url, { method: 'PUT', body: 'still here' })).status).toBe(200);
  } finally {
    await first.stop();
  }
  const second = await startS3Server({ dataDir: folder, bucket: 'kept' });
  try {
    const response = await fetch(`${second.endpoint}/kept/date=2026-11-24/a.txt`);
    expect(await response.text()).toBe('still here');
    expect(fs.readFileSync(second.logFile, 'utf8')).toContain('Started S3MockApplication');
  } finally {
    await second.stop();
  }
}, 120_000);
