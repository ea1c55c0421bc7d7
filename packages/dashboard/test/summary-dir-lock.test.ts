import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockSummaryDir } from '../src/author-summary-files.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-summary-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('lockSummaryDir', () => {
  it('refuses a folder this process holds, and frees it on release', () => {
    const dir = freshDir();
    const first = lockSummaryDir(dir);
    expect('release' in first).toBe(true);
    expect(lockSummaryDir(dir)).toEqual({ heldBy: process.pid });
    if ('release' in first) first.release();
    const again = lockSummaryDir(dir);
    expect('release' in again).toBe(true);
    if ('release' in again) again.release();
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  });

  it("takes over a lock naming this pid that this process never wrote (a restarted container's PID 1)", () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'lock'), `${process.pid} left-by-a-killed-predecessor`);
    const taken = lockSummaryDir(dir);
    expect('release' in taken).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'lock'), 'utf8')).not.toContain('left-by-a-killed-predecessor');
    if ('release' in taken) taken.release();
  });

  it('takes over the lock of a process that is gone, and leaves one of a live process alone', () => {
    const dir = freshDir();
    // Pids above the kernel's default pid_max (4,194,304) are never alive.
    fs.writeFileSync(path.join(dir, 'lock'), '4194305 gone');
    const taken = lockSummaryDir(dir);
    expect('release' in taken).toBe(true);
    if ('release' in taken) taken.release();
    const other = freshDir();
    fs.writeFileSync(path.join(other, 'lock'), `${process.ppid} parent`);
    expect(lockSummaryDir(other)).toEqual({ heldBy: process.ppid });
  });

  it('releases quietly when the lock file was removed by hand', () => {
    const dir = freshDir();
    const taken = lockSummaryDir(dir);
    fs.rmSync(path.join(dir, 'lock'));
    expect(() => 'release' in taken && taken.release()).not.toThrow();
  });
});
