// Local stand-ins for the sources, serving the fixtures in ./fixtures the way the real APIs page
// and filter them (Algolia numericFilters + page, Mastodon min_id + Link, Reddit after), so the
// connectors' paging and resume logic is exercised for real.
import { readFileSync } from 'node:fs';
import { startFixtureServer, type FixtureServer } from '@sl/connector-sdk/conformance';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export function startFeedServer(): Promise<FixtureServer> {
  const feeds: Record<string, { type: string; body: string }> = {
    '/feed/': { type: 'application/rss+xml; charset=UTF-8', body: fixture('blog-posts.rss.xml') },
    '/comments/feed/': { type: 'application/rss+xml; charset=UTF-8', body: fixture('blog-comments.rss.xml') },
    '/2025/11/acme-rocket-skates/comments/atom/': { type: 'application/atom+xml; charset=UTF-8', body: fixture('blog-comments.atom.xml') },
  };
  return startFixtureServer(({ url }) => {
    const feed = feeds[url.pathname];
    return feed ? { headers: { 'content-type': feed.type }, body: feed.body } : { status: 404, body: 'not found' };
  });
}

interface AlgoliaHit {
  objectID: string;
  created_at_i: number;
}

export function startAlgoliaServer(): Promise<FixtureServer> {
  const hits = JSON.parse(fixture('hn-hits.json')) as AlgoliaHit[];
  return startFixtureServer(({ url }) => {
    if (url.pathname !== '/api/v1/search_by_date') return { status: 404, body: { message: 'not found', status: 404 } };
    const filters = (url.searchParams.get('numericFilters') ?? '').split(',').filter(Boolean);
    const matching = hits
      .filter((hit) =>
        filters.every((filter) => {
          const [, field, op, value] = /^(\w+)(<=|>=|<|>|=)(\d+)$/.exec(filter) ?? [];
          const actual = (hit as unknown as Record<string, number>)[field ?? ''] ?? Number.NaN;
          const bound = Number(value);
          return op === '<=' ? actual <= bound : op === '>=' ? actual >= bound : op === '<' ? actual < bound : op === '>' ? actual > bound : actual === bound;
        }),
      )
      .sort((a, b) => b.created_at_i - a.created_at_i || Number(b.objectID) - Number(a.objectID));
    const hitsPerPage = Number(url.searchParams.get('hitsPerPage') ?? 20);
    const page = Number(url.searchParams.get('page') ?? 0);
    return {
      body: {
        hits: matching.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
        nbHits: matching.length,
        page,
        nbPages: Math.ceil(matching.length / hitsPerPage),
        hitsPerPage,
        exhaustiveNbHits: true,
        query: url.searchParams.get('query') ?? '',
        params: url.search.slice(1),
        processingTimeMS: 1,
      },
    };
  });
}

interface MastodonStatus {
  id: string;
}

export function startMastodonServer(): Promise<FixtureServer> {
  const statuses = JSON.parse(fixture('mastodon-statuses.json')) as MastodonStatus[];
  let base = '';
  const page = (url: URL) => {
    const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
    const minId = url.searchParams.get('min_id');
    const maxId = url.searchParams.get('max_id');
    let selected = [...statuses].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1)); // newest first
    if (maxId) selected = selected.filter((s) => BigInt(s.id) < BigInt(maxId));
    // min_id: the page immediately newer than it (still returned newest first).
    if (minId) selected = selected.filter((s) => BigInt(s.id) > BigInt(minId)).slice(-limit);
    else selected = selected.slice(0, limit);
    const link =
      selected.length === 0
        ? undefined
        : `<${base}${url.pathname}?max_id=${selected.at(-1)?.id}>; rel="next", <${base}${url.pathname}?min_id=${selected[0]?.id}>; rel="prev"`;
    return { selected, link };
  };
  return startFixtureServer(({ url }) => {
    if (url.pathname === '/api/v1/timelines/tag/acme') {
      const { selected, link } = page(url);
      return { body: selected, headers: link ? { link } : ({} as Record<string, string>) };
    }
    if (url.pathname === '/api/v2/search' && url.searchParams.get('type') === 'statuses') {
      return { body: { accounts: [], hashtags: [], statuses: page(url).selected } };
    }
    return { status: 404, body: { error: 'Record not found' } };
  }).then((server) => {
    base = server.url;
    return server;
  });
}

interface RedditChild {
  kind: string;
  data: { name: string; created_utc: number };
}

export function startRedditServer(): Promise<FixtureServer> {
  const children = (JSON.parse(fixture('reddit-posts.json')) as RedditChild[]).sort(
    (a, b) => b.data.created_utc - a.data.created_utc || (a.data.name < b.data.name ? 1 : -1),
  );
  return startFixtureServer(({ url }) => {
    if (url.pathname !== '/search.json' && url.pathname !== '/r/gadgets/search.json') return { status: 404, body: { message: 'Not Found', error: 404 } };
    if (url.searchParams.get('sort') !== 'new') return { status: 400, body: { message: 'this fixture serves sort=new only' } };
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const after = url.searchParams.get('after');
    const start = after ? children.findIndex((c) => c.data.name === after) + 1 : 0;
    const pageChildren = children.slice(start, start + limit);
    const more = start + limit < children.length;
    return {
      body: {
        kind: 'Listing',
        data: { after: more ? (pageChildren.at(-1)?.data.name ?? null) : null, dist: pageChildren.length, modhash: '', geo_filter: '', children: pageChildren, before: null },
      },
    };
  });
}
