import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isIngestTokenError } from '../src/ingest-token-error.ts';
import { loadIngestTokensFile, parseIngestTokens, parseIngestTokensFile, tokenAllowsSource, tokenSha256 } from '../src/ingest-tokens.ts';

const TOKEN_A = 'tok-a-0123456789abcdef';
const TOKEN_B = 'tok-b-0123456789abcdef';
const hex = (token: string) => tokenSha256(token).toString('hex');

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (!isIngestTokenError(error)) throw error;
    return { code: error.code, message: error.message };
  }
  throw new Error('expected an IngestTokenError');
}

describe('parseIngestTokens', () => {
  it('reads id:sources:token entries, keeping only the SHA-256 of each token', () => {
    const tokens = parseIngestTokens(` feeds:rss|mastodon:${TOKEN_A} , ci:*:sha256:${hex(TOKEN_B).toUpperCase()}`);
    expect(tokens).toEqual([
      { id: 'feeds', sources: ['rss', 'mastodon'], sha256: tokenSha256(TOKEN_A) },
      { id: 'ci', sources: ['*'], sha256: tokenSha256(TOKEN_B) },
    ]);
    expect(JSON.stringify(tokens)).not.toContain(TOKEN_A);
    expect(tokenAllowsSource(tokens[0] as never, 'rss')).toBe(true);
    expect(tokenAllowsSource(tokens[0] as never, 'forum')).toBe(false);
    expect(tokenAllowsSource(tokens[1] as never, 'forum')).toBe(true);
  });

  it('reads an empty setting as no tokens', () => {
    expect(parseIngestTokens('')).toEqual([]);
    expect(parseIngestTokens(' , ')).toEqual([]);
  });

  it.each([
    [`${TOKEN_A}`, 'entry 1 must be id:source[|source…]:token'],
    [`Feeds:rss:${TOKEN_A}`, 'entry 1: "Feeds" is not a token id (lower-case letters, digits, . _ -)'],
    [`feeds::${TOKEN_A}`, 'entry 1 ("feeds"): "" is not a source slug (or * for any)'],
    [`feeds:RSS:${TOKEN_A}`, 'entry 1 ("feeds"): "RSS" is not a source slug (or * for any)'],
    [`feeds:*|rss:${TOKEN_A}`, 'entry 1 ("feeds"): * already means every source; list it alone'],
    ['feeds:rss:short', 'entry 1 ("feeds"): the token must be at least 16 characters'],
    [
      'feeds:rss:has spaces in the token',
      'entry 1 ("feeds"): the token may hold only letters, digits and - . _ ~ + / (then =), as a bearer token must',
    ],
    ['feeds:rss:sha256:abc', 'entry 1 ("feeds"): sha256: must be followed by 64 hex digits'],
    [`a:rss:${TOKEN_A},a:blog:${TOKEN_B}`, 'token id "a" is used twice'],
    [`a:rss:${TOKEN_A},b:blog:${TOKEN_A}`, 'tokens "a" and "b" are the same token; give each client its own'],
  ])('refuses %s, naming the entry and never the token', (spec, message) => {
    const error = errorOf(() => parseIngestTokens(spec));
    expect(error).toEqual({ code: 'INVALID_INGEST_TOKENS', message });
    expect(error.message).not.toContain(TOKEN_A);
  });
});

describe('tokens file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads YAML with digests and tokens from the environment', () => {
    const yaml = `- id: partner-blog\n  sources: [blog]\n  tokenSha256: ${hex(TOKEN_A)}\n- id: ci\n  sources: ["*"]\n  tokenEnv: CI_INGEST_TOKEN\n`;
    expect(parseIngestTokensFile(yaml, 'tokens.yaml', { CI_INGEST_TOKEN: TOKEN_B })).toEqual([
      { id: 'partner-blog', sources: ['blog'], sha256: tokenSha256(TOKEN_A) },
      { id: 'ci', sources: ['*'], sha256: tokenSha256(TOKEN_B) },
    ]);
  });

  it('reads JSON too, from a file on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-tokens-'));
    dirs.push(dir);
    const file = path.join(dir, 'tokens.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 'feeds', sources: ['rss', 'mastodon'], tokenSha256: hex(TOKEN_A) }]));
    expect(loadIngestTokensFile(file, {})).toEqual([{ id: 'feeds', sources: ['rss', 'mastodon'], sha256: tokenSha256(TOKEN_A) }]);
  });

  it.each([
    ['- id: a\n  sources: [rss\n', /^t\.yaml: not valid YAML or JSON: /],
    ['{"id": "a"}', /^t\.yaml: a tokens file is a list of tokens$/],
    [`- id: a\n  sources: [rss]\n`, /^t\.yaml: \[0\] give exactly one of tokenSha256 and tokenEnv$/],
    [
      `- id: a\n  sources: [rss]\n  tokenSha256: ${hex(TOKEN_A)}\n  tokenEnv: X\n`,
      /^t\.yaml: \[0\] give exactly one of tokenSha256 and tokenEnv$/,
    ],
    [
      `- id: a\n  sources: [rss]\n  token: ${TOKEN_A}\n`,
      /^t\.yaml: \[0\] unknown field "token" \(a token sits in the environment, named by tokenEnv\)$/,
    ],
    [
      `- id: a\n  sources: [rss]\n  tokenSha256: nothex\n`,
      /^t\.yaml: \[0\]\.tokenSha256 must be 64 hex digits \(the SHA-256 of the token\)$/,
    ],
    [`- id: a\n  sources: []\n  tokenSha256: ${hex(TOKEN_A)}\n`, /^t\.yaml: \[0\] \("a"\): list at least one source, or \* for any$/],
    ['- id: a\n  sources: [rss]\n  tokenEnv: MISSING_TOKEN\n', /^t\.yaml: \[0\] \("a"\): tokenEnv names MISSING_TOKEN, which is not set$/],
  ])('refuses %j with the entry and the problem', (text, message) => {
    const error = errorOf(() => parseIngestTokensFile(text, 't.yaml', {}));
    expect(error.code).toBe('INVALID_INGEST_TOKENS');
    expect(error.message).toMatch(message);
  });

  it('says when the file cannot be read', () => {
    expect(errorOf(() => loadIngestTokensFile('/nonexistent/tokens.yaml', {}))).toEqual({
      code: 'INGEST_TOKENS_FILE_UNREADABLE',
      message: "cannot read the tokens file: ENOENT: no such file or directory, open '/nonexistent/tokens.yaml'",
    });
  });
});
