import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPage, pageIsBuilt, WEB_DIR } from '../src/build-page.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the page', () => {
  it('type-checks against the DOM (the root program has no DOM types)', () => {
    const tsc = path.join(WEB_DIR, '..', '..', '..', 'node_modules', '.bin', 'tsc');
    const result = spawnSync(tsc, ['-p', path.join(WEB_DIR, 'tsconfig.json')], { encoding: 'utf8' });
    expect({ status: result.status, out: result.stdout + result.stderr }).toEqual({ status: 0, out: '' });
  });

  it('builds into index.html and hashed assets that load only from the server itself', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-page-'));
    dirs.push(out);
    expect(pageIsBuilt(out)).toBe(false);
    await buildPage(out);
    expect(pageIsBuilt(out)).toBe(true);
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((ref) => !/^\/assets\/index-[\w-]+\.(js|css)$/.test(ref as string) && ref !== 'data:,' && ref !== '/signout')).toEqual([]);
    const assets = fs.readdirSync(path.join(out, 'assets')).map((name) => path.extname(name)).sort();
    expect(assets).toEqual(['.css', '.js']);
  });
});
