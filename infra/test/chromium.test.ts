import { afterEach, describe, expect, it, vi } from 'vitest';

const load = async (path: string | undefined) => {
  if (path === undefined) delete process.env.SL_CHROMIUM;
  else process.env.SL_CHROMIUM = path;
  vi.resetModules();
  return import('../browser/chromium.ts');
};

afterEach(() => {
  delete process.env.SL_CHROMIUM;
});

describe('the browser test\'s Chromium', () => {
  it('is taken as it is when present, and SL_CHROMIUM names another one', async () => {
    const chromium = await load('/bin/sh');
    expect(chromium.CHROMIUM_PATH).toBe('/bin/sh');
    expect(chromium.ensureChromium()).toEqual({ ok: true, installed: false });
  });

  it('is never installed over a path SL_CHROMIUM names that does not exist', async () => {
    const chromium = await load('/nonexistent/chromium');
    expect(chromium.ensureChromium()).toEqual({ ok: false, reason: 'SL_CHROMIUM names /nonexistent/chromium, which does not exist' });
  });

  it('defaults to Debian\'s package', async () => {
    expect((await load(undefined)).CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect((await load(undefined)).CHROMIUM_INSTALL_HINT).toBe('apt-get install -y --no-install-recommends chromium fonts-liberation');
  });
});
