import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tokenSha256 } from '@sl/ingest';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.ts';

const TOKEN = 'feeds-token-0123456789';

describe('gateway config', () => {
  it('defaults to the embedded broker on loopback port 8080, without tokens', () => {
    expect(loadGatewayConfig({})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SL_TOPIC_NAMESPACE: '',
      SL_HTTP_HOST: '127.0.0.1',
      SL_HTTP_PORT: 8080,
      INGEST_MAX_BODY_BYTES: 10 * 1024 * 1024,
      INGEST_MAX_ITEMS: 10_000,
      INGEST_RATE_PER_SECOND: 20_000,
      INGEST_RATE_BURST: 40_000,
      INGEST_LINGER_MS: 2,
      SL_INGEST_TOKENS: [],
      INGEST_WEBHOOK_SECRETS: new Map(),
      INGEST_WEBHOOK_TOLERANCE_SECONDS: 300,
      LOG_LEVEL: 'info',
      ingestTokens: [],
    });
  });

  it('splits the broker list and stops on a bad value with the field named', () => {
    expect(loadGatewayConfig({ KAFKA_BROKERS: 'a:1, b:2' }).KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(() => loadGatewayConfig({ KAFKA_BROKERS: 'a' })).toThrow(/KAFKA_BROKERS\.0: expected host:port/);
    expect(() => loadGatewayConfig({ SL_HTTP_PORT: 'eighty' })).toThrow(/SL_HTTP_PORT: /);
    expect(() => loadGatewayConfig({ INGEST_MAX_ITEMS: '0' })).toThrow(/INGEST_MAX_ITEMS: /);
    expect(() => loadGatewayConfig({ INGEST_WEBHOOK_SECRETS: 'blog=short' })).toThrow(/INGEST_WEBHOOK_SECRETS: .*at least 16 characters/);
    expect(loadGatewayConfig({ INGEST_WEBHOOK_SECRETS: 'blog=0123456789abcdef' }).INGEST_WEBHOOK_SECRETS.get('blog')).toEqual([
      '0123456789abcdef',
    ]);
  });

  it('refuses a non-loopback address without tokens, in one line that says what to do', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3']) {
      expect(() => loadGatewayConfig({ SL_HTTP_HOST: host })).toThrow(
        `invalid configuration: SL_INGEST_TOKENS: the gateway would listen on ${host}, which is not loopback, with no ingest tokens; set SL_INGEST_TOKENS or SL_INGEST_TOKENS_FILE (docs/ingest.md, "Tokens") or listen on 127.0.0.1`,
      );
    }
    expect(loadGatewayConfig({ SL_HTTP_HOST: '0.0.0.0', SL_INGEST_TOKENS: `feeds:rss:${TOKEN}` }).ingestTokens).toEqual([
      { id: 'feeds', sources: ['rss'], sha256: tokenSha256(TOKEN) },
    ]);
    expect(loadGatewayConfig({ SL_HTTP_HOST: 'localhost' }).ingestTokens).toEqual([]);
  });

  it('names the setting of a bad token without echoing the token', () => {
    let message = '';
    try {
      loadGatewayConfig({ SL_INGEST_TOKENS: 'feeds:RSS:feeds-token-0123456789' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('invalid configuration: SL_INGEST_TOKENS: entry 1 ("feeds"): "RSS" is not a source slug (or * for any)');
  });

  it('needs a rate burst of at least a full request', () => {
    expect(() => loadGatewayConfig({ INGEST_MAX_ITEMS: '100', INGEST_RATE_BURST: '50' })).toThrow(
      'invalid configuration: INGEST_RATE_BURST: must be at least INGEST_MAX_ITEMS (100), or a full request could never pass',
    );
    expect(() => loadGatewayConfig({ INGEST_RATE_PER_SECOND: '0' })).toThrow(/INGEST_RATE_PER_SECOND: /);
    expect(loadGatewayConfig({ INGEST_RATE_PER_SECOND: '0.5', INGEST_RATE_BURST: '10000' }).INGEST_RATE_PER_SECOND).toBe(0.5);
  });

  describe('tokens file', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });
    const file = (text: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-gw-tokens-'));
      dirs.push(dir);
      const name = path.join(dir, 'tokens.yaml');
      fs.writeFileSync(name, text);
      return name;
    };

    it('merges the file with SL_INGEST_TOKENS, tokens from the same environment', () => {
      const tokens = file('- id: partner\n  sources: [blog]\n  tokenEnv: PARTNER_TOKEN\n');
      const config = loadGatewayConfig({
        SL_HTTP_HOST: '0.0.0.0',
        SL_INGEST_TOKENS: `feeds:rss:${TOKEN}`,
        SL_INGEST_TOKENS_FILE: tokens,
        PARTNER_TOKEN: 'partner-token-0123456789',
      });
      expect(config.ingestTokens).toEqual([
        { id: 'feeds', sources: ['rss'], sha256: tokenSha256(TOKEN) },
        { id: 'partner', sources: ['blog'], sha256: tokenSha256('partner-token-0123456789') },
      ]);
    });

    it('stops on a file that is missing, or repeats an id of SL_INGEST_TOKENS', () => {
      expect(() => loadGatewayConfig({ SL_INGEST_TOKENS_FILE: '/nonexistent/tokens.yaml' })).toThrow(
        "invalid configuration: SL_INGEST_TOKENS_FILE: cannot read the tokens file: ENOENT: no such file or directory, open '/nonexistent/tokens.yaml'",
      );
      const tokens = file(`- id: feeds\n  sources: ["*"]\n  tokenSha256: ${tokenSha256('x'.repeat(20)).toString('hex')}\n`);
      expect(() => loadGatewayConfig({ SL_INGEST_TOKENS: `feeds:rss:${TOKEN}`, SL_INGEST_TOKENS_FILE: tokens })).toThrow(
        'invalid configuration: SL_INGEST_TOKENS_FILE: token id "feeds" is used twice',
      );
    });
  });
});
