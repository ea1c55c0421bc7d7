// runChild with real child processes: the exit code passes through, a signal that reaches `sl`
// reaches the child once, a child ended by a signal maps to 128 + its number.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childFailure, runChild } from '../src/child/run-child.ts';
import { benchSuites } from '../src/commands/bench.ts';
import { repoRoot } from '../src/repo-root.ts';

const node = (script: string, onSpawn?: Parameters<typeof runChild>[2]['onSpawn']) =>
  runChild(process.execPath, ['-e', script], { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'inherit'], ...(onSpawn ? { onSpawn } : {}) });

describe('runChild', () => {
  it("hands back the child's exit code", async () => {
    expect(await node('process.exit(0)')).toBe(0);
    expect(await node('process.exit(3)')).toBe(3);
  });

  it('passes SIGINT on to the child once, and stops listening when the child is gone', async () => {
    const before = process.listenerCount('SIGINT');
    let output = '';
    const code = await node(
      "let n = 0; process.on('SIGINT', () => { n += 1; setTimeout(() => process.exit(10 + n), 200); }); process.stdout.write('ready'); setInterval(() => {}, 1000);",
      (child) =>
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output === 'ready') process.emit('SIGINT', 'SIGINT');
        }),
    );
    expect(code).toBe(11);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('maps a child ended by a signal to 128 + the signal number, and says so in one line', async () => {
    const code = await node("process.kill(process.pid, 'SIGKILL')");
    expect(code).toBe(137);
    expect(childFailure('infra/up.ts', code)).toMatchObject({ message: 'infra/up.ts ended by SIGKILL', exitCode: 137 });
    expect(childFailure('npm run bench', 3)).toMatchObject({ message: 'npm run bench exited with code 3', exitCode: 3 });
  });

  it('fails with one line when the program does not exist', async () => {
    await expect(runChild('sl-no-such-program', [], { cwd: os.tmpdir() })).rejects.toThrow('could not start sl-no-such-program: not found on PATH');
  });
});

describe('sl up and sl bench', () => {
  it('find the repository root: infra/up.ts and the root package.json', () => {
    expect(fs.existsSync(path.join(repoRoot, 'infra', 'up.ts'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.bench).toMatch(/bench/);
  });

  it('name the suites after the bench:<name> scripts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
    try {
      const file = path.join(dir, 'package.json');
      fs.writeFileSync(file, JSON.stringify({ scripts: { bench: 'a', 'bench:sentiment': 'b', 'bench:alerts': 'c', test: 'd' } }));
      expect(benchSuites(file)).toEqual(['alerts', 'sentiment']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
