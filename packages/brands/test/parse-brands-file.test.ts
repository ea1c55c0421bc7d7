import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BrandsFileError, isBrandsFileError, loadBrandsFile, parseBrandsFile } from '../src/index.ts';

function problemsOf(text: string, file: string): string[] {
  try {
    parseBrandsFile(text, file, { updatedAt: 0 });
  } catch (error) {
    if (!isBrandsFileError(error)) throw error;
    expect(error.code).toBe('INVALID_BRANDS_FILE');
    return error.message.split('\n');
  }
  throw new Error('expected the file to be rejected');
}

const EXAMPLE = new URL('../../../examples/brands.yaml', import.meta.url);

describe('parseBrandsFile', () => {
  it('reads the example file into Brand records with defaults filled in', () => {
    const brands = parseBrandsFile(readFileSync(EXAMPLE, 'utf8'), 'brands.yaml', { updatedAt: 42 });
    expect(brands.map((b) => b.id)).toEqual(['acme', 'globex', 'initech', 'umbrella']);
    expect(brands[1]).toEqual({
      id: 'globex',
      name: 'Globex',
      query: '(globex OR "globex corporation" OR @globex OR #globex OR site:globex.com) -"globex jobs"',
      competitors: ['acme', 'initech', 'umbrella'],
      spamThreshold: 0.6,
      alertThresholds: {
        volumeSpikeRatio: 3,
        negativeSurgeShare: 0.4,
        minMentionsPerWindow: 10,
        influentialFollowers: 100_000,
        viralEngagement: 50,
        windowMinutes: 15,
        negativeSurgeRatio: 2,
        influenceScore: 50,
        tractionEngagement: 20,
        viralAcceleration: 1.5,
        questionReplyMinutes: 15,
        cooldownMinutes: 60,
        historyMinutes: 60,
        pageHistory: false,
        viralBaselineMultiple: 20,
        tractionBaselineMultiple: 10,
      },
      handles: ['globex', 'globexcares'],
      categoryTerms: [],
      influencers: [],
      webhooks: [],
      timeZone: null,
      updatedAt: 42,
      deleted: false,
    });
    expect(brands[0]?.timeZone).toBe('America/New_York');
  });

  it('reads a brand\'s time zone in its canonical spelling, and names a zone nobody knows', () => {
    const text = [
      '- { id: acme, name: Acme, query: acme, timeZone: europe/paris }', //   1
      '- { id: globex, name: Globex, query: globex, timeZone: Asia/Kolkata }', // 2
      '- { id: initech, name: Initech, query: initech }', //                 3
    ].join('\n');
    expect(parseBrandsFile(text, 'brands.yaml').map((b) => b.timeZone)).toEqual(['Europe/Paris', 'Asia/Kolkata', null]);
    const wrong = ['- { id: acme, name: Acme, query: acme, timeZone: Mars/Olympus_Mons }', '- { id: globex, name: Globex, query: globex, timeZone: 2 }'].join('\n');
    expect(problemsOf(wrong, 'brands.yaml')).toEqual([
      'brands.yaml:1:50: [0].timeZone must be an IANA time zone such as Europe/Paris or America/New_York',
      'brands.yaml:2:56: [1].timeZone must be text',
    ]);
  });

  it('reads own accounts, category terms, listed influencers and webhooks with their defaults', () => {
    const [brand] = parseBrandsFile(
      [
        '- id: acme',
        '  name: Acme',
        '  query: acme',
        '  handles: ["@AcmeCoffee", "mastodon:acme_help"]',
        '  categoryTerms: [Coffee, " espresso "]',
        '  influencers:',
        '    - handle: "@Barista_Bea"',
        '    - { handle: chef_ray, source: youtube, mode: pin, score: 90 }',
        '  webhooks:',
        '    - { id: ops, url: "https://hooks.example/acme", secretEnv: ACME_HOOK_SECRET }',
        '    - { id: slack, url: "http://127.0.0.1:9999/x", secretEnv: ACME_SLACK, format: slack, kinds: [negative_surge], minSeverity: warning }',
      ].join('\n'),
      'brands.yaml',
      { updatedAt: 1 },
    );
    expect(brand?.handles).toEqual(['acmecoffee', 'mastodon:acme_help']);
    expect(brand?.categoryTerms).toEqual(['coffee', 'espresso']);
    expect(brand?.influencers).toEqual([
      { handle: 'barista_bea', source: null, mode: 'boost', score: 25 },
      { handle: 'chef_ray', source: 'youtube', mode: 'pin', score: 90 },
    ]);
    expect(brand?.webhooks).toEqual([
      { id: 'ops', url: 'https://hooks.example/acme', secretEnv: 'ACME_HOOK_SECRET', format: 'json', kinds: [], minSeverity: 'info' },
      { id: 'slack', url: 'http://127.0.0.1:9999/x', secretEnv: 'ACME_SLACK', format: 'slack', kinds: ['negative_surge'], minSeverity: 'warning' },
    ]);
  });

  it('reads the history rule and the baseline multiples, each omitted one at its default', () => {
    const [paging, quiet] = parseBrandsFile(
      [
        '- id: acme',
        '  name: Acme',
        '  query: acme',
        '  alertThresholds: { historyMinutes: 240, pageHistory: true, viralBaselineMultiple: 2.5, tractionBaselineMultiple: 0 }',
        '- id: globex',
        '  name: Globex',
        '  query: globex',
        '  alertThresholds: { viralEngagement: 500 }',
      ].join('\n'),
      'brands.yaml',
      { updatedAt: 1 },
    );
    expect(paging?.alertThresholds).toMatchObject({
      historyMinutes: 240,
      pageHistory: true,
      viralBaselineMultiple: 2.5,
      tractionBaselineMultiple: 0,
      viralEngagement: 50,
      tractionEngagement: 20,
    });
    expect(quiet?.alertThresholds).toMatchObject({
      historyMinutes: 60,
      pageHistory: false,
      viralBaselineMultiple: 20,
      tractionBaselineMultiple: 10,
      viralEngagement: 500,
      tractionEngagement: 20,
    });
  });

  it('names the field and the reason for a wrong history rule or baseline multiple', () => {
    const text = [
      '- id: acme', //                           1
      '  name: Acme', //                         2
      '  query: acme', //                        3
      '  alertThresholds:', //                   4
      '    historyMinutes: 0', //                5
      '    pageHistory: "yes"', //               6
      '    viralBaselineMultiple: -1', //        7
      '    tractionBaselineMultiple: lots', //   8
      '    histroyMinutes: 30', //               9
      '- id: globex', //                         10
      '  name: Globex', //                       11
      '  query: globex', //                      12
      '  alertThresholds:', //                   13
      '    historyMinutes: 90.5', //             14
    ].join('\n');
    expect(problemsOf(text, 'brands.yaml')).toEqual([
      'brands.yaml:5:21: [0].alertThresholds.historyMinutes must be at least 1',
      'brands.yaml:6:18: [0].alertThresholds.pageHistory must be true or false',
      "brands.yaml:7:28: [0].alertThresholds.viralBaselineMultiple must be 0 or more (times the brand's typical post engagement)",
      'brands.yaml:8:31: [0].alertThresholds.tractionBaselineMultiple must be a number',
      'brands.yaml:9:5: unknown field "histroyMinutes"',
      'brands.yaml:14:21: [1].alertThresholds.historyMinutes must be a whole number of minutes',
    ]);
  });

  it('rejects webhooks that would leak alerts or secrets, with the place and the reason', () => {
    const text = [
      '- id: acme',
      '  name: Acme',
      '  query: acme',
      '  webhooks:',
      '    - { id: a, url: "http://hooks.example/acme", secretEnv: S }',
      '    - { id: b, url: "https://user:pw@hooks.example/", secretEnv: S }',
      '    - { id: c, url: "https://hooks.example/", secretEnv: "s3cr3t-value" }',
      '    - { id: d, url: "https://hooks.example/", secretEnv: S, kinds: [volume_spyke] }',
    ].join('\n');
    expect(() => parseBrandsFile(text, 'brands.yaml')).toThrow(BrandsFileError);
    try {
      parseBrandsFile(text, 'brands.yaml');
    } catch (error) {
      expect((error as BrandsFileError).problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
        '5:21 [0].webhooks[0].url must be an https URL without credentials (http only to 127.0.0.1 or localhost)',
        '6:21 [0].webhooks[1].url must be an https URL without credentials (http only to 127.0.0.1 or localhost)',
        '7:58 [0].webhooks[2].secretEnv must name an environment variable (A-Z, 0-9, _), never the secret itself',
        '8:69 [0].webhooks[3].kinds[0] must be one of volume_spike, negative_surge, influential_voice, viral_post, amplification_opportunity, unanswered_question',
      ]);
    }
  });

  it('loads a file from disk', async () => {
    expect((await loadBrandsFile(EXAMPLE.pathname, { updatedAt: 1 })).length).toBe(4);
  });

  it('reports every YAML problem at once, with line and column, in file order', () => {
    const text = [
      '- id: Acme', //                      1
      '  name: ""', //                      2
      '  query: acme OR "broken', //        3
      '  competitors: [globex]', //         4
      '  spamThreshold: 2', //              5
      '  spamTreshold: 0.5', //             6
      '  alertThresholds:', //              7
      '    viralEngagement: 1.5', //        8
      '- name: Initech', //                 9
      '  query: initech)', //               10
      '- id: umbrella', //                  11
      '  name: Umbrella', //                12
      '  query: umbrella', //               13
      '- id: umbrella', //                  14
      '  name: Umbrella again', //          15
      "  query: 'umbrella corp*'", //       16
    ].join('\n');
    expect(problemsOf(text, 'brands.yaml')).toEqual([
      'brands.yaml:1:7: [0].id must be a lower-case slug (letters, digits, - and _, starting with a letter or digit)',
      'brands.yaml:2:9: [0].name must not be empty',
      'brands.yaml:3:18: query: unclosed quote starting at column 9',
      'brands.yaml:4:17: competitor "globex" is not a brand in this file',
      'brands.yaml:5:18: [0].spamThreshold must be between 0 and 1',
      'brands.yaml:6:3: unknown field "spamTreshold"',
      'brands.yaml:8:22: [0].alertThresholds.viralEngagement must be a whole number',
      'brands.yaml:9:3: [1].id is required',
      'brands.yaml:10:17: query: the ) at column 8 has no matching (',
      'brands.yaml:14:7: brand id "umbrella" is already used on line 11',
    ]);
  });

  it('points into quoted queries and at the start of multi-line ones', () => {
    const text = [
      '- id: acme',
      '  name: Acme',
      "  query: 'acme OR'",
      '- id: globex',
      '  name: Globex',
      '  query: >-',
      '    globex',
      '    OR',
    ].join('\n');
    expect(problemsOf(text, 'b.yaml')).toEqual([
      'b.yaml:3:16: query: OR at column 6 needs a term after it, but the query ends',
      'b.yaml:6:10: query: OR at column 8 needs a term after it, but the query ends',
    ]);
  });

  it('reports JSON problems with line and column too', () => {
    const text = [
      '[',
      '  {"id": "acme", "name": "Acme", "query": "acme OR (", "competitors": ["acme"]},',
      '  {"id": "globex", "name": "Globex", "query": "globex", "spamThreshold": "high"}',
      ']',
    ].join('\n');
    expect(problemsOf(text, 'brands.json')).toEqual([
      'brands.json:2:52: query: the ( at column 9 is never closed',
      'brands.json:2:72: brand "acme" lists itself as a competitor',
      'brands.json:3:74: [1].spamThreshold must be a number',
    ]);
  });

  it('rejects syntax errors and a top level that is not a list', () => {
    expect(problemsOf('- id: a\n  name: [unclosed\n', 'x.yaml')[0]).toMatch(/^x\.yaml:3:1: not valid YAML or JSON: /);
    expect(problemsOf('{"a": 1}', 'x.json')).toEqual(['x.json:1:1: a brands file is a list of brands']);
  });

  it('says when the file cannot be read', async () => {
    const error = (await loadBrandsFile('/nonexistent/brands.yaml').catch((e: unknown) => e)) as BrandsFileError;
    expect(isBrandsFileError(error)).toBe(true);
    expect(error.code).toBe('BRANDS_FILE_UNREADABLE');
    expect(error.message).toMatch(/^\/nonexistent\/brands\.yaml:0:0: cannot read the brands file: ENOENT/);
  });
});
