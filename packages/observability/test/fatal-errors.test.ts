// A service whose start-up throws from a top-level await logs one fatal JSON line saying why, and
// exits 1. A real process: the handler is process-wide.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));

it('logs an error thrown from a top-level await at fatal level, with the error, and exits 1', () => {
  const source = `
    import { createRootLogger, logFatalErrors } from ${JSON.stringify(INDEX)};
    const logger = createRootLogger({ service: 'fatal-test' });
    logFatalErrors(logger);
    await new Promise((_, reject) => setTimeout(() => reject(new Error('authors.influence did not catch up within 60000 ms')), 10));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status).toBe(1);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: number; service: string; msg: string; err: { message: string; type: string } });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: 60,
    service: 'fatal-test',
    msg: 'exiting: an error nothing handled',
    err: { type: 'Error', message: 'authors.influence did not catch up within 60000 ms' },
  });
  // Nothing on stderr: the reason is in the log line, not in a bare stack.
  expect(run.stderr).toBe('');
});
