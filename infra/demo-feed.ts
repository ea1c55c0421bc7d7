// A small synthetic feed for the embedded default: plausible mentions of a few invented brands
// from several sources, posted to the gateway at a steady rate, so a fresh clone shows data
// flowing end to end. (The full demo generator with spikes and surges comes with the CLI.)
const brands = ['Acme', 'Globex', 'Initech', 'Umbrella'];
const sources = ['rss', 'mastodon', 'reddit', 'hackernews', 'reviews'];
const openings = ['Just tried', 'Honestly,', 'Anyone else think', 'Switched to', 'Not impressed with', 'Loving'];
const endings = ['customer support was quick.', 'the new update broke my setup.', 'best purchase this year!', 'meh, it is fine.', 'shipping took forever.', 'would recommend to a friend.'];

export interface DemoFeed {
  readonly posted: number;
  readonly failed: number;
  stop(): Promise<void>;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

export function demoMention(n: number, now: number) {
  const brand = pick(brands, n * 7 + (n >> 3));
  return {
    source: pick(sources, n),
    id: `demo-${now.toString(36)}-${n}`,
    text: `${pick(openings, n * 3)} ${brand} — ${pick(endings, n * 5 + 1)}`,
    publishedAt: new Date(now).toISOString(),
    author: { handle: `@user${(n * 31) % 400}`, followers: (n * 977) % 50_000 },
    engagement: { likes: (n * 13) % 90, shares: (n * 7) % 12, replies: (n * 3) % 9 },
  };
}

export function startDemoFeed(options: { url: string; perSecond: number; onError: (message: string) => void }): DemoFeed {
  let posted = 0;
  let failed = 0;
  let n = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const batch = Array.from({ length: options.perSecond }, () => demoMention(n++, started));
      try {
        const response = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
        if (response.status === 202) posted += batch.length;
        else {
          failed += batch.length;
          options.onError(`demo feed: gateway answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        }
      } catch (error) {
        failed += batch.length;
        options.onError(`demo feed: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (Date.now() - started))));
    }
  })();
  return {
    get posted() {
      return posted;
    },
    get failed() {
      return failed;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
