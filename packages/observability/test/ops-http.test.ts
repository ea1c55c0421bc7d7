import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, combineHealth, createMetricsRegistry, parseConfig, startOpsServer } from '../src/index.ts';

describe('ops server', () => {
  it('serves /healthz from the check (503 when down), /metrics from the registry, 404 otherwise', async () => {
    const registry = createMetricsRegistry('svc');
    new Counter({ name: 'sl_test_total', help: 'test', registers: [registry] }).inc(3);
    let status: 'ok' | 'down' = 'ok';
    const server = await startOpsServer({ port: 0, registry, health: () => ({ status, checks: { kafka: { ok: status === 'ok' } } }) });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const healthy = await fetch(`${base}/healthz`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toEqual({ status: 'ok', checks: { kafka: { ok: true } } });
      status = 'down';
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('sl_test_total{service="svc"} 3');
      expect(metrics).toContain('process_resident_memory_bytes');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('parseConfig', () => {
  const schema = z.object({ PORT: z.coerce.number().int().max(65_535).default(8080), NAME: z.string().min(1) });

  it('returns a frozen object with defaults applied', () => {
    const config = parseConfig(schema, { NAME: 'x' });
    expect(config).toEqual({ PORT: 8080, NAME: 'x' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every invalid field by its path', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: '70000' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual(['PORT', 'NAME']);
    expect((error as ConfigError).message).toMatch(/^invalid configuration: PORT: .*; NAME: /);
  });
});

describe('combineHealth', () => {
  it("takes the worst status, keeps the main part's checks as they are and names the others'", () => {
    const ok = { status: 'ok' as const, checks: { partitions: { ok: true, detail: '6 assigned' } } };
    const degraded = { status: 'degraded' as const, checks: { partitions: { ok: false, detail: 'none assigned' } } };
    expect(combineHealth(ok, { corrections: degraded })).toEqual({
      status: 'degraded',
      checks: { partitions: { ok: true, detail: '6 assigned' }, 'corrections partitions': { ok: false, detail: 'none assigned' } },
    });
    expect(combineHealth(degraded, { corrections: ok }).status).toBe('degraded');
    expect(combineHealth(ok, { corrections: ok, other: { status: 'down', checks: {} } }).status).toBe('down');
  });
});
