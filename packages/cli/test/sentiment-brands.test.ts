// sl sentiment --brands FILE: the sentiment toward every brand of the file whose query matches,
// next to the post's overall sentiment; checked on exact output, in-process and through bin/sl.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBrandsFile } from '@sl/brands';
import { describe, expect, it } from 'vitest';
import { compileBrandMatchers } from '../src/brand-matchers.ts';
import { brandSentiments, sentimentLine } from '../src/commands/sentiment.ts';

const BRANDS_YAML = `- id: acme
  name: Acme Corporation
  query: 'acme OR @acme OR @acmesupport'
  handles: [acmesupport]
- id: globex
  name: Globex
  query: 'globex OR @globex'
`;
const matchers = compileBrandMatchers(parseBrandsFile(BRANDS_YAML, 'brands.yaml'));

const SWITCH =
  '{"id":1,"label":"positive","compound":0.4588,"explain":[{"term":"night and day","weight":0.4588}],' +
  '"brands":{"acme":{"label":"positive","compound":0.4588,"drivers":[{"term":"night and day","weight":0.4588}]},' +
  '"globex":{"label":"negative","compound":-0.4588,"drivers":[{"term":"Switched","weight":-0.4588}]}}}';
const NEWS =
  '{"id":3,"label":"positive","compound":0.5106,"explain":[{"term":"strong","weight":0.5106}],' +
  '"brands":{"acme":{"label":"neutral","compound":0.2846,"drivers":[{"term":"strong","weight":0.2846}]}}}';
const NO_BRAND = '{"id":4,"label":"positive","compound":0.6369,"explain":[{"term":"love","weight":0.6369}],"brands":{}}';

describe('sl sentiment --brands', () => {
  it('adds, for each brand whose query matches, the sentiment toward it; the top level stays the overall sentiment', () => {
    expect(sentimentLine('{"id":1,"text":"Switched from Globex to Acme last month, night and day."}', 1, matchers)).toBe(SWITCH);
    expect(sentimentLine('{"id":3,"text":"Acme reports a strong quarter http://t.co/AbC123"}', 3, matchers)).toBe(NEWS);
    expect(sentimentLine('{"id":4,"text":"I love this weather"}', 4, matchers)).toBe(NO_BRAND);
  });

  it('names a brand by its handle too, and leaves out "brands" without --brands', () => {
    expect(Object.keys(brandSentiments('@acmesupport fixed my order in minutes, thank you!', matchers))).toEqual(['acme']);
    expect(sentimentLine('{"id":4,"text":"I love this weather"}', 4)).toBe(
      '{"id":4,"label":"positive","compound":0.6369,"explain":[{"term":"love","weight":0.6369}]}',
    );
    expect(sentimentLine('{"id":5,"text":7}', 5, matchers)).toBe('{"id":5,"line":5,"error":"expected \\"text\\" to be a string"}');
  });

  it('reads the file and stdin through bin/sl, one line out per line in, bad lines as error lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sentiment-'));
    try {
      const file = path.join(dir, 'brands.yaml');
      fs.writeFileSync(file, BRANDS_YAML);
      const sl = path.join(import.meta.dirname, '..', 'bin', 'sl');
      const input = [
        '{"id":1,"text":"Switched from Globex to Acme last month, night and day."}',
        'nope',
        '{"id":3,"text":"Acme reports a strong quarter http://t.co/AbC123"}',
        '{"id":4,"text":"I love this weather"}',
        '',
      ].join('\n');
      const ok = spawnSync('sh', [sl, 'sentiment', '--brands', file], { input, encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(ok.stdout).toBe(`${SWITCH}\n{"line":2,"error":"not valid JSON"}\n${NEWS}\n${NO_BRAND}\n`);
      const missing = spawnSync('sh', [sl, 'sentiment', '--brands', path.join(dir, 'none.yaml')], { input, encoding: 'utf8' });
      expect(missing.status).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toContain('none.yaml:0:0: cannot read the brands file: ENOENT');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
