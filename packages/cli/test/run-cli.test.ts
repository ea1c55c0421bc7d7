import { brandFixture } from '@sl/testkit';
import { describe, expect, it, vi } from 'vitest';
import { commands, findCommand, helpText, planBrandChanges, runCli } from '../src/index.ts';

const brand = (id: string, query = id, deleted = false) => brandFixture(id, { query, deleted });

describe('planBrandChanges', () => {
  it('creates new brands, updates changed ones, keeps the rest, retires those gone from the file', () => {
    const current = new Map([
      ['acme', brand('acme')],
      ['globex', brand('globex')],
      ['initech', brand('initech')],
      ['old', brand('old', 'old', true)],
    ]);
    const wanted = [{ ...brand('acme'), updatedAt: 99 }, brand('globex', 'globex OR "globex corp"'), brand('umbrella'), brand('old')];
    expect(planBrandChanges(current, wanted)).toEqual([
      { id: 'acme', change: 'unchanged' },
      { id: 'globex', change: 'updated' },
      { id: 'umbrella', change: 'created' },
      { id: 'old', change: 'created' },
      { id: 'initech', change: 'retired' },
    ]);
  });
});

describe('runCli', () => {
  it('finds two-word commands before one-word ones', () => {
    expect(findCommand(commands, ['brands', 'apply', 'x.yaml'])?.command.name).toBe('brands apply');
    expect(findCommand(commands, ['topics', '--json'])?.rest).toEqual(['--json']);
    expect(findCommand(commands, ['nope'])).toBeUndefined();
  });

  it('lists every command with an example in --help', () => {
    const text = helpText(commands);
    for (const c of commands) {
      expect(text).toContain(c.name);
      expect(text).toContain(`e.g. ${c.example}`);
    }
  });

  it('exits 2 with a one-line reason for an unknown command, a missing argument or an unknown flag', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(commands, ['frobnicate'], {})).toBe(2);
      expect(await runCli(commands, ['brands', 'apply'], {})).toBe(2);
      expect(await runCli(commands, ['brands', 'list', '--colour'], {})).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        'sl: unknown command "frobnicate"; sl --help lists them\n',
        'sl: brands apply needs the brands file: sl brands apply FILE\n',
        expect.stringMatching(/^sl: Unknown option '--colour'.*; usage: sl brands list \[--all\] \[--json\]\n$/),
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  it('exits 1 with the file problems when the brands file is invalid', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(commands, ['brands', 'apply', '/nonexistent/brands.yaml'], {})).toBe(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^sl: .*\/nonexistent\/brands\.yaml/);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('sl sentiment lines', () => {
  it('turns one JSON line into one line with id, label, compound and explain; a bad line into an error line', async () => {
    const { sentimentLine } = await import('../src/commands/sentiment.ts');
    const good = JSON.parse(sentimentLine('{"id":"a1","text":"I love it!!"}', 1));
    expect(Object.keys(good)).toEqual(['id', 'label', 'compound', 'explain']);
    expect(good.id).toBe('a1');
    expect(good.label).toBe('positive');
    expect(good.explain[0].term).toBe('love');
    expect(JSON.parse(sentimentLine('nope', 7))).toEqual({ line: 7, error: 'not valid JSON' });
    expect(JSON.parse(sentimentLine('{"id":2,"text":5}', 8))).toEqual({ id: 2, line: 8, error: 'expected "text" to be a string' });
  });
});
