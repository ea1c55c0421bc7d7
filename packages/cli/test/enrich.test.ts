import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBrandsFile } from '@sl/brands';
import { type Brand, parseMentionInput, toRawMention } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import { describe, expect, it } from 'vitest';
import { createEnrichLines } from '../src/commands/enrich.ts';

const BRANDS_YAML = `
- id: acme
  name: Acme
  query: acme OR @acme
  spamThreshold: 0.9
- id: globex
  name: Globex
  query: globex
  spamThreshold: 0.6
`;
const brands = parseBrandsFile(BRANDS_YAML, 'brands.yaml', { updatedAt: 0 });

const mention = (id: string, text: string, handle = `author-${id}`, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ source: 'blog', id, text, publishedAt: '2024-05-01T12:00:00Z', author: { handle }, ...extra });

const ORIGINAL = 'The new Acme blender broke after two days and support never answered my emails about it';
const SPAM = 'Buy 5000 real instagram followers cheap at http://followers-shop.example.com today';
const INPUT = [
  mention('1', ORIGINAL),
  mention('2', `${ORIGINAL}, again`),
  mention('3', 'Acme or Globex? I switched from Globex to Acme last year and I am happy'),
  'not json',
  mention('4', SPAM, 'cheap_followers'),
  mention('5', `Globex: ${SPAM}`, 'cheap_followers'),
  JSON.stringify({ source: 'blog', text: 'no id', publishedAt: 'yesterday', author: {} }),
  '',
  mention('1', ORIGINAL),
];

describe('sl enrich lines', () => {
  it('prints one verdict line per input line, in order, and an error line for a bad one', () => {
    const enrichLine = createEnrichLines(brands);
    const out = INPUT.map((line, i) => enrichLine(line, i + 1));
    expect(out.map((o) => o.ok)).toEqual([true, true, true, false, true, true, false, false, true]);
    expect(out.map((o) => JSON.parse(o.output))).toEqual([
      {
        id: 'blog:1',
        brands: ['acme'],
        spamScore: 0.063,
        isSpam: false,
        spamReasons: [],
        isDuplicate: false,
        duplicateOf: null,
        detectedLang: 'en',
        threads: { acme: { role: 'mention', threadId: 'blog:1' } },
        joined: [],
      },
      // A near copy of line 1 for the same brand.
      {
        id: 'blog:2',
        brands: ['acme'],
        spamScore: 0.063,
        isSpam: false,
        spamReasons: [],
        isDuplicate: true,
        duplicateOf: 'blog:1',
        detectedLang: 'en',
        threads: { acme: { role: 'mention', threadId: 'blog:2' } },
        joined: [],
      },
      {
        id: 'blog:3',
        brands: ['acme', 'globex'],
        spamScore: 0.009,
        isSpam: false,
        spamReasons: [],
        isDuplicate: false,
        duplicateOf: null,
        detectedLang: 'en',
        threads: { acme: { role: 'mention', threadId: 'blog:3' }, globex: { role: 'mention', threadId: 'blog:3' } },
        joined: [],
      },
      { line: 4, error: `line 4: not valid JSON (Unexpected token 'o', "not json" is not valid JSON)` },
      // No brand matched: still scored, by the default threshold (0.7).
      {
        id: 'blog:4',
        brands: [],
        spamScore: 0.998,
        isSpam: true,
        spamReasons: ['link_selling', 'keyword_author'],
        isDuplicate: false,
        duplicateOf: null,
        detectedLang: 'en',
        threads: {},
        joined: [],
      },
      {
        id: 'blog:5',
        brands: ['globex'],
        spamScore: 0.996,
        isSpam: true,
        spamReasons: ['link_selling', 'keyword_author'],
        isDuplicate: false,
        duplicateOf: null,
        detectedLang: 'en',
        threads: { globex: { role: 'mention', threadId: 'blog:5' } },
        joined: [],
      },
      {
        line: 7,
        error:
          'line 7: id is required; publishedAt expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got "yesterday"; author.handle is required',
      },
      { line: 8, error: 'line 8: empty line, expected a mention as JSON' },
      // The same id again: a re-send, a duplicate of itself.
      {
        id: 'blog:1',
        brands: ['acme'],
        spamScore: 0.063,
        isSpam: false,
        spamReasons: [],
        isDuplicate: true,
        duplicateOf: 'blog:1',
        detectedLang: 'en',
        threads: { acme: { role: 'mention', threadId: 'blog:1' } },
        joined: [],
      },
    ]);
  });

  it("gives each brand's thread role, and says on the post's line which earlier comments joined its thread", () => {
    const enrichLine = createEnrichLines(brands);
    const comment = JSON.parse(
      enrichLine(mention('c1', 'Mine broke after a week, the lid cracked', 'reader', { parentId: 'p1' }), 1).output,
    );
    // Read before its post: it waits, in no conversation yet.
    expect([comment.brands, comment.threads, comment.joined]).toEqual([[], {}, []]);
    const post = JSON.parse(enrichLine(mention('p1', 'The Acme blender arrived today, first impressions in the comments'), 2).output);
    expect([post.brands, post.threads, post.joined]).toEqual([
      ['acme'],
      { acme: { role: 'mention', threadId: 'blog:p1' } },
      [{ id: 'blog:c1', brand: 'acme', threadId: 'blog:p1' }],
    ]);
    const reply = JSON.parse(
      enrichLine(mention('c2', 'Same lid problem here, support replaced it', 'other', { parentId: 'p1' }), 3).output,
    );
    expect([reply.brands, reply.threads]).toEqual([[], { acme: { role: 'thread_reply', threadId: 'blog:p1' } }]);
  });

  it('judges spam by the lowest threshold of the brands matched, or the default 0.7 when none matched', () => {
    const text = 'The new blender broke after two days and support never answered my emails about it';
    const score: number = JSON.parse(createEnrichLines(brands)(mention('0', text), 1).output).spamScore;
    // The same text each time (the same score), matched through the brands' own accounts: acme's
    // threshold just over the score, globex's at it (a score equal to the threshold is spam).
    const thresholds = [
      { ...(brands[0] as Brand), spamThreshold: score + 0.001, handles: ['both', 'acme_only'] },
      { ...(brands[1] as Brand), spamThreshold: score, handles: ['both'] },
    ];
    const verdict = (handle: string) => {
      const { brands: matched, spamScore, isSpam } = JSON.parse(createEnrichLines(thresholds)(mention('1', text, handle), 1).output);
      return { matched, spamScore, isSpam };
    };
    expect(verdict('both')).toEqual({ matched: ['acme', 'globex'], spamScore: score, isSpam: true });
    expect(verdict('acme_only')).toEqual({ matched: ['acme'], spamScore: score, isSpam: false });
    expect(score).toBeLessThan(0.7);
    expect(verdict('nobody')).toEqual({ matched: [], spamScore: score, isSpam: false });
  });

  it("reads a blog thread as the enricher does: a comment pasting its post's text back is spam", () => {
    const enrichLine = createEnrichLines(brands);
    // Globex's threshold is 0.6 (acme's 0.9 would keep it).
    const post = 'Globex rocket skates, three months on: the wheels held up on gravel and the brakes squeal in the rain';
    const first = JSON.parse(enrichLine(mention('p1', post, 'editor'), 1).output);
    const pasted = JSON.parse(enrichLine(mention('c1', post, 'copycat', { parentId: 'p1' }), 2).output);
    expect([first.spamReasons, first.isSpam]).toEqual([[], false]);
    expect([pasted.brands, pasted.spamReasons, pasted.isSpam, pasted.duplicateOf]).toEqual([['globex'], ['pasted_post'], true, 'blog:p1']);
  });

  it('gives the verdicts the enricher gives for the same input in the same order', () => {
    const enrichLine = createEnrichLines(brands);
    const enricher = createEnricher({ brands });
    for (const [i, line] of INPUT.entries()) {
      const printed = JSON.parse(enrichLine(line, i + 1).output);
      let input: unknown;
      try {
        input = JSON.parse(line);
      } catch {
        continue;
      }
      const parsed = parseMentionInput(input);
      if (!parsed.ok) continue;
      const records = enricher.enrich(toRawMention(parsed.value, 0));
      expect(printed.brands).toEqual(records.map((r) => r.brandId));
      for (const record of records) {
        expect([printed.spamScore, printed.spamReasons, printed.detectedLang]).toEqual([
          record.spamScore,
          record.spamReasons,
          record.detectedLang,
        ]);
        if (!record.isDuplicate) continue;
        expect([printed.isDuplicate, printed.duplicateOf]).toEqual([true, record.duplicateOf]);
      }
    }
  });
});

describe('sl enrich', () => {
  const sl = fileURLToPath(new URL('../bin/sl', import.meta.url));
  const brandsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-enrich-')), 'brands.yaml');
  fs.writeFileSync(brandsFile, BRANDS_YAML);

  it('exits 0 when every line was a mention, 1 after printing every line when one was not', () => {
    const good = spawnSync(sl, ['enrich', '--brands', brandsFile], { input: `${INPUT[0]}\n${INPUT[2]}\n`, encoding: 'utf8' });
    expect([good.status, good.stderr]).toEqual([0, '']);
    expect(good.stdout.split('\n').map((l) => (l === '' ? null : JSON.parse(l).id))).toEqual(['blog:1', 'blog:3', null]);
    const bad = spawnSync(sl, ['enrich', '--brands', brandsFile], { input: `${INPUT[0]}\nnot json\n${INPUT[2]}\n`, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('sl: 1 of 3 lines were not valid mentions (their output lines carry the error)\n');
    expect(bad.stdout.trimEnd().split('\n').length).toBe(3);
  });

  it('refuses to run without --brands or with a bad brands file (exit 2 and 1)', () => {
    const none = spawnSync(sl, ['enrich'], { input: '', encoding: 'utf8' });
    expect([none.status, none.stderr]).toEqual([
      2,
      'sl: enrich needs the brands file: sl enrich --brands FILE [--json] < mentions.jsonl > verdicts.jsonl\n',
    ]);
    const missing = spawnSync(sl, ['enrich', '--brands', `${brandsFile}.missing`], { input: '', encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^sl: .*brands\.yaml\.missing:0:0: cannot read the brands file: ENOENT/);
  });
});
