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

const voices = ['famous_fran', 'chef_ray', 'techreviewer_tom', 'daily_dana', 'podcast_pete'];

/** Now and then, something worth an alert: a well-followed, engaged author, or a public question. */
export function demoHighlight(k: number, now: number) {
  const brand = pick(brands, k);
  if (k % 2 === 0) {
    return {
      source: 'mastodon',
      id: `demo-${now.toString(36)}-voice-${k}`,
      text: `Spent the week with ${brand}, and honestly it is the best thing I have used this year. Full review soon.`,
      publishedAt: new Date(now).toISOString(),
      author: { handle: `@${pick(voices, k >> 1)}`, followers: 250_000 + ((k * 7919) % 900_000) },
      engagement: { likes: 12_000, shares: 900, replies: 400 },
    };
  }
  return {
    source: 'mastodon',
    id: `demo-${now.toString(36)}-question-${k}`,
    text: `@${brand.toLowerCase()} why was my order charged twice? Nobody answers the support line.`,
    publishedAt: new Date(now).toISOString(),
    author: { handle: `@customer${k}`, followers: 120 },
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
      const batch: object[] = Array.from({ length: options.perSecond }, () => demoMention(n++, started));
      // One highlight every 20 seconds or so.
      const second = Math.floor(n / Math.max(1, options.perSecond));
      if (second % 20 === 3) batch.push(demoHighlight(Math.floor(second / 20), started));
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
