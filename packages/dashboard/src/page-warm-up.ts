// The reads the page makes when someone opens it on a brand (web/main.ts, loadAll): its default
// range is all time, its default zone the brand's own, its feed unfiltered. The start-up warm-up
// (start-up-warm-up.ts) makes them once per brand, so that the first scan of the brand's rollups,
// driver days and archive in a new process — the Parquet files' metadata, the operating system's
// cache, DuckDB's first use — is paid before the first person asks, not by them. Share of voice
// also fills its per-date totals (day-mention-totals.ts). Top authors are not here: the warm-up
// reads them after the author blocks.
import { parseFeedQuery, readDrivers, readFeed } from './conversation-widgets.ts';
import type { DashboardStore } from './dashboard-store.ts';
import { type BrandInfo, readSeries, readShareOfVoice, readSummary } from './rollup-widgets.ts';
import { parseTimeZone } from './time-range.ts';

const ALL_TIME = { from: null, to: null };

/**
 * The page's opening reads for one brand, as the API answers them to the page: the summary, the
 * series (grain chosen by the server, `tz` the brand's zone, as the page sends it), share of voice
 * (its competitors named from `brands`, the brands known), the drivers (8, the API's default
 * limit) and the feed's first page (the API's defaults: no filter, 20 items). Returned so a test
 * can hold them against the API's answers; the warm-up drops them.
 */
export async function readPageOpening(store: DashboardStore, brand: BrandInfo, brands: readonly BrandInfo[]) {
  // The page sends ?tz= its zone, which is the brand's (or UTC) until someone picks another: the
  // API's own parsing turns that into the zone the series is read in.
  const zone = parseTimeZone(new URLSearchParams({ tz: brand.timeZone ?? 'UTC' }), brand.timeZone);
  const summary = await readSummary(store, brand, ALL_TIME);
  const series = await readSeries(store, brand, ALL_TIME, null, zone);
  const names = new Map(brands.map((b) => [b.id, b.name]));
  const shareOfVoice = await readShareOfVoice(
    store,
    brand,
    brand.competitors.map((id) => ({ id, name: names.get(id) ?? id })),
    ALL_TIME,
  );
  const drivers = await readDrivers(store, brand, ALL_TIME, 8);
  const feed = await readFeed(store, brand, ALL_TIME, parseFeedQuery(new URLSearchParams()));
  return { summary, series, shareOfVoice, drivers, feed };
}
