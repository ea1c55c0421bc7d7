import { expect, it } from 'vitest';
import { formatSeconds, runPhases, type TestPhase } from '../test-phases.ts';

const phase = (name: string): TestPhase => ({ name, command: name, args: ['--flag'], onFailure: `look at ${name}'s output.` });

/** Runs the phases on a fake clock: each phase takes `ms(name)` and exits with `code(name)`. */
async function simulate(names: string[], ms: (name: string) => number, code: (name: string) => number) {
  let clock = 0;
  const ran: string[] = [];
  const out: string[] = [];
  const passed = await runPhases(names.map(phase), {
    cwd: '/',
    env: {},
    now: () => clock,
    write: (line) => out.push(line),
    run: async (p) => {
      ran.push(p.name);
      clock += ms(p.name);
      return code(p.name);
    },
  });
  return { passed, ran, text: out.join('') };
}

it('runs every phase in order and prints each one\'s time and a summary', async () => {
  const { passed, ran, text } = await simulate(['typecheck', 'unit'], (name) => (name === 'typecheck' ? 6_200 : 125_000), () => 0);
  expect(passed).toBe(true);
  expect(ran).toEqual(['typecheck', 'unit']);
  expect(text).toBe(
    [
      '\n▶ typecheck: typecheck --flag\n',
      '◀ typecheck passed in 6.2 s\n',
      '\n▶ unit: unit --flag\n',
      '◀ unit passed in 2 min 05 s\n',
      '\ntest phases:\n  typecheck       6.2 s  passed\n  unit       2 min 05 s  passed\n  total      2 min 11 s\n',
    ].join(''),
  );
});

it('stops at the first failure, marks the rest not run, and says where to look', async () => {
  const { passed, ran, text } = await simulate(['lint', 'integration', 'chaos'], () => 1_000, (name) => (name === 'integration' ? 1 : 0));
  expect(passed).toBe(false);
  expect(ran).toEqual(['lint', 'integration']);
  expect(text).toContain('◀ integration failed in 1.0 s\n');
  expect(text).toContain('  integration       1.0 s  failed (exit 1)\n  chaos                 —  not run\n  total             2.0 s\n');
  expect(text.endsWith("\nintegration failed; look at integration's output.\n")).toBe(true);
});

it('a command that cannot start is a failure with its reason, not a crash', async () => {
  const out: string[] = [];
  const passed = await runPhases([{ name: 'missing', command: '/nonexistent/tool', args: [], onFailure: 'install it.' }], {
    cwd: '/',
    env: {},
    write: (line) => out.push(line),
  });
  expect(passed).toBe(false);
  expect(out.join('')).toMatch(/missing +\d+\.\d s {2}failed \(exit spawn \/nonexistent\/tool ENOENT\)/);
});

it('formats seconds under a minute with a decimal, longer times in minutes and seconds', () => {
  expect([formatSeconds(0.04), formatSeconds(59.94), formatSeconds(60), formatSeconds(719.6)]).toEqual(['0.0 s', '59.9 s', '1 min 00 s', '12 min 00 s']);
});
