import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PAGE_DIR, tokenSha256 } from '@sl/dashboard';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDashboardConfig } from '../src/config.ts';

const TOKEN = 'acme-team-token-0123456789';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('dashboard config', () => {
  it('defaults to loopback port 8090 without tokens', () => {
    const config = loadDashboardConfig({});
    expect(config).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SL_TOPIC_NAMESPACE: '',
      SL_DASHBOARD_HOST: '127.0.0.1',
      SL_DASHBOARD_PORT: 8090,
      SL_DASHBOARD_TOKENS: [],
      SL_DASHBOARD_SECURE_COOKIE: false,
      SL_DASHBOARD_PAGE_DIR: DEFAULT_PAGE_DIR,
      SL_DASHBOARD_ALERTS_RECHECK_MS: 10_000,
      SL_DASHBOARD_WATERMARK_UPSTREAM: [
        { groupId: 'enricher', topic: 'mentions.raw', transactional: false },
        { groupId: 'sentiment-worker', topic: 'mentions.enriched', transactional: true },
        { groupId: 'aggregation-worker', topic: 'mentions.scored', transactional: true },
      ],
      SL_DASHBOARD_FRESHNESS_INTERVAL_MS: 5_000,
      SL_DASHBOARD_AUTHOR_CACHE_ROWS: 4_000_000,
      SL_DASHBOARD_WARM_AUTHORS: true,
      SL_DASHBOARD_DUCKDB_MEMORY_MIB: 256,
      SL_DASHBOARD_DUCKDB_THREADS: 2,
      SL_DASHBOARD_COPY_INTERVAL_MS: 30_000,
      SL_DATA_DIR: path.resolve('.sl'),
      LOG_LEVEL: 'info',
      dashboardTokens: [],
    });
    expect(loadDashboardConfig({ SL_DASHBOARD_WATERMARK_UPSTREAM: 'none' }).SL_DASHBOARD_WATERMARK_UPSTREAM).toEqual([]);
    expect(() => loadDashboardConfig({ SL_DASHBOARD_WATERMARK_UPSTREAM: 'enricher' })).toThrow(
      /SL_DASHBOARD_WATERMARK_UPSTREAM: expected group:topic pairs separated by commas, or none; got 'enricher'/,
    );
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps only digests of the tokens from the environment and the file together', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-config-'));
    dirs.push(dir);
    const file = path.join(dir, 'tokens.yaml');
    fs.writeFileSync(file, `- { id: ops, brands: ['*'], tokenEnv: OPS_DASHBOARD_TOKEN }\n`);
    const config = loadDashboardConfig({
      SL_DASHBOARD_HOST: '0.0.0.0',
      SL_DASHBOARD_TOKENS: `acme-team:acme|acme-eu:${TOKEN}`,
      SL_DASHBOARD_TOKENS_FILE: file,
      OPS_DASHBOARD_TOKEN: 'ops-token-abcdefghijklmnop',
    });
    expect(config.dashboardTokens.map((t) => [t.id, t.brands, t.sha256.toString('hex')])).toEqual([
      ['acme-team', ['acme', 'acme-eu'], tokenSha256(TOKEN).toString('hex')],
      ['ops', ['*'], tokenSha256('ops-token-abcdefghijklmnop').toString('hex')],
    ]);
    expect(JSON.stringify(config)).not.toContain(TOKEN);
  });

  it('stops with the field named: no tokens off loopback, bad tokens, a bad port', () => {
    expect(() => loadDashboardConfig({ SL_DASHBOARD_HOST: '0.0.0.0' })).toThrow(
      'invalid configuration: SL_DASHBOARD_TOKENS: the dashboard would listen on 0.0.0.0, which is not loopback, with no tokens; set SL_DASHBOARD_TOKENS or SL_DASHBOARD_TOKENS_FILE (docs/dashboard.md, "Access") or listen on 127.0.0.1',
    );
    expect(() => loadDashboardConfig({ SL_DASHBOARD_TOKENS: 'a:acme:short' })).toThrow(
      'invalid configuration: SL_DASHBOARD_TOKENS: entry 1 ("a"): the token must be at least 16 characters',
    );
    expect(() => loadDashboardConfig({ SL_DASHBOARD_TOKENS_FILE: '/nonexistent/tokens.yaml' })).toThrow(
      /^invalid configuration: SL_DASHBOARD_TOKENS_FILE: cannot read the tokens file: ENOENT/,
    );
    expect(() => loadDashboardConfig({ SL_DASHBOARD_PORT: 'eighty' })).toThrow(/^invalid configuration: SL_DASHBOARD_PORT: /);
  });
});
