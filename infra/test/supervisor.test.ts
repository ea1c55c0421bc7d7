import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSupervisor } from '../supervisor.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('restarts a service that crashes, logs it, and stops it with SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-supervisor-'));
  dirs.push(dir);
  const marker = path.join(dir, 'crashed-once');
  // Crashes on its first start; afterwards runs until SIGTERM, which it answers by exiting 0.
  const script = path.join(dir, 'flaky.mjs');
  fs.writeFileSync(
    script,
    `import fs from 'node:fs';
     if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); }
     console.log('up');
     process.on('SIGTERM', () => { console.log('stopping'); process.exit(0); });
     setInterval(() => {}, 1000);`,
  );
  const events: string[] = [];
  const supervisor = startSupervisor([{ name: 'flaky', env: {}, entry: script }], { logDir: dir, onEvent: (m) => events.push(m) });
  const deadline = Date.now() + 15_000;
  while (!(supervisor.services[0]?.running && fs.readFileSync(path.join(dir, 'flaky.log'), 'utf8').includes('up'))) {
    if (Date.now() > deadline) throw new Error(`not restarted: ${events.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(supervisor.services[0]?.restarts).toBe(1);
  expect(events).toEqual([expect.stringMatching(/^flaky exited \(3\); restart #1 in \d+ ms \(log: .*flaky\.log\)$/)]);
  await supervisor.stop();
  expect(supervisor.services[0]?.running).toBe(false);
  expect(fs.readFileSync(path.join(dir, 'flaky.log'), 'utf8')).toContain('stopping');
  expect(events).toHaveLength(1);
});
