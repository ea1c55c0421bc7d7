// The dashboard page: picks a brand and a range, loads every widget from the JSON API, and pages
// through the conversation feed. All state is in the URL's hash (#brand=acme&range=7d), so a view
// can be bookmarked or sent to a colleague with the same access.
import './style.css';
import type { VerdictCorrection } from '@sl/contracts';
import {
  type AlertItem,
  ApiRefusal,
  type BrandEntry,
  type CorrectionState,
  type Drivers,
  type FeedPage,
  getJson,
  postJson,
  type Series,
  type ShareOfVoice,
  type Summary,
  type TopAuthor,
} from './api.ts';
import { type AlertMark, addAlertMarks, drawSentiment, drawVolume } from './charts.ts';
import { authorRow, feedCard, type SendCorrection } from './feed.ts';
import { focusAlert, openInbox } from './inbox.ts';
import { setZone, when, zone } from './zone.ts';
import { formatWallTime, startOfDay, startOfHour, zonedInstant } from '../src/zoned-time.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const fmt = (n: number) => n.toLocaleString('en-US');

const brandSelect = $<HTMLSelectElement>('brand');
const rangeSelect = $<HTMLSelectElement>('range');
const tzSelect = $<HTMLSelectElement>('tz');
let brands: BrandEntry[] = [];
const filters = $<HTMLFormElement>('feed-filters');
const status = $('status');
let feedCursor: string | null = null;
// Answers to an older choice of brand, range or filter are dropped, not drawn over newer ones.
let generation = 0;

const HOUR = 3_600_000;

/** The brand's own zone from the brands file, or UTC. */
const brandZone = (): string => brands.find((b) => b.id === brandSelect.value)?.timeZone ?? 'UTC';

/** The zone picked in the header, else the brand's: days, hours and every time shown are in it. */
function applyZone(): void {
  const first = tzSelect.options[0];
  if (first) first.text = `Brand's (${brandZone()})`;
  setZone(tzSelect.value || brandZone());
  for (const id of ['from', 'to']) $(id).setAttribute('aria-label', `${id} (${zone()})`);
}

/** "2024-05-01T12:00" in a datetime-local input, read as wall time in the page's zone. */
function wallInput(value: string): number | undefined {
  const [year, month, day, hour, minute] = (value.match(/\d+/g) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return zonedInstant(zone(), { year, month, day, hour: hour ?? 0, minute: minute ?? 0 });
}

/** The range's bounds, on whole hours or days of the page's zone, so the API can answer them exactly from rollups. */
function range(): { from?: string; to?: string } {
  const now = Date.now();
  const z = zone();
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (rangeSelect.value) {
    case '24h': {
      const to = startOfHour(z, now) + HOUR;
      return { from: iso(to - 24 * HOUR), to: iso(to) };
    }
    case '7d':
    case '30d': {
      // Local days are 23 to 25 hours long: step back one midnight at a time.
      const to = startOfDay(z, startOfDay(z, now) + 26 * HOUR);
      let from = to;
      for (let n = rangeSelect.value === '7d' ? 7 : 30; n > 0; n -= 1) from = startOfDay(z, from - 1);
      return { from: iso(from), to: iso(to) };
    }
    case 'custom': {
      const bound = (id: string) => {
        const at = wallInput($<HTMLInputElement>(id).value);
        return at === undefined ? undefined : iso(at);
      };
      return { from: bound('from'), to: bound('to') };
    }
    default:
      return {};
  }
}

function feedParams(): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new FormData(filters)) if (typeof value === 'string' && value.trim() !== '') params[key] = value.trim();
  return params;
}

function saveState(): void {
  const state = new URLSearchParams({
    brand: brandSelect.value,
    range: rangeSelect.value,
    ...(tzSelect.value ? { tz: tzSelect.value } : {}),
    ...range(),
    ...feedParams(),
  });
  history.replaceState(null, '', `#${state}`);
}

function restoreState(): URLSearchParams {
  const state = new URLSearchParams(location.hash.slice(1));
  const chosen = state.get('range');
  if (chosen && [...rangeSelect.options].some((o) => o.value === chosen)) rangeSelect.value = chosen;
  if (rangeSelect.value === 'custom') $('custom-range').hidden = false;
  const tz = state.get('tz');
  if (tz && [...tzSelect.options].some((o) => o.value === tz)) tzSelect.value = tz;
  for (const element of filters.elements) {
    const input = element as HTMLInputElement;
    const value = input.name ? state.get(input.name) : null;
    if (value) input.value = value;
  }
  return state;
}

function showError(error: unknown): void {
  if (error instanceof ApiRefusal && error.status === 401) return;
  status.textContent = error instanceof Error ? error.message : String(error);
  status.className = 'status error';
}

function renderSummary(summary: Summary): void {
  $('mentions').textContent = fmt(summary.mentions);
  $('positive').textContent = fmt(summary.positive);
  $('neutral').textContent = fmt(summary.neutral);
  $('negative').textContent = fmt(summary.negative);
  $('mean').textContent = summary.sentiment.mean === null ? '–' : summary.sentiment.mean.toFixed(2);
  $('stddev').textContent = summary.sentiment.stddev === null ? '' : `± ${summary.sentiment.stddev.toFixed(2)}`;
  const f = summary.funnel;
  const funnel = $('funnel');
  funnel.replaceChildren();
  const part = (label: string, value: number, key: string) => {
    const span = document.createElement('span');
    span.className = 'step';
    span.dataset.key = key;
    span.textContent = `${label} ${fmt(value)}`;
    return span;
  };
  funnel.append(
    part('Records received', f.records, 'records'),
    ' = ',
    part('counted mentions', f.mentions, 'mentions'),
    ' + ',
    part('duplicates', f.duplicates, 'duplicates'),
    ' + ',
    part('spam', f.spam, 'spam'),
    ' + ',
    part('thread replies', f.threadReplies, 'thread-replies'),
  );
  if (f.late.records > 0) {
    const late = part('', f.late.records, 'late');
    late.textContent = `+${fmt(f.late.records)} late`;
    funnel.append(' · ', late, ' (counted through correction rows)');
  }
  // How fresh: every mention received by then is counted; later arrivals show up as late.
  const complete = document.createElement('span');
  complete.className = 'step';
  complete.dataset.key = 'complete';
  complete.title = summary.freshness;
  complete.textContent = summary.rangeComplete
    ? 'complete for this range'
    : summary.completeUpTo === null
      ? 'completeness not measured'
      : `complete up to ${when(Date.parse(summary.completeUpTo))}`;
  funnel.append(' · ', complete);
  if (summary.waitingFor) {
    status.textContent = `Waiting for data: ${summary.waitingFor}.`;
    status.className = 'status waiting';
  } else {
    status.textContent = `Read from ${summary.readFrom}; newest window ${summary.latestWindow ? when(Date.parse(summary.latestWindow)) : 'none in this range'}.`;
    status.className = 'status';
  }
}

function renderDrivers(drivers: Drivers): void {
  const box = $('drivers');
  box.replaceChildren();
  const line = (label: string, side: 'pos' | 'neg', items: Drivers['positive']) => {
    const p = document.createElement('p');
    p.dataset.side = side;
    p.append(label);
    if (items.length === 0) p.append(' none');
    for (const d of items) {
      const mark = document.createElement('mark');
      mark.className = `driver ${side}`;
      mark.title = `summed weight over ${d.mentions} mentions`;
      mark.textContent = `${d.term} ${d.weight > 0 ? '+' : ''}${d.weight.toFixed(1)}`;
      p.append(' ', mark);
    }
    return p;
  };
  box.append(line('Lifted by:', 'pos', drivers.positive), line('Dragged down by:', 'neg', drivers.negative));
}

function renderShare(share: ShareOfVoice): void {
  const box = $('share-of-voice');
  box.replaceChildren();
  for (const b of share.brands) {
    const row = document.createElement('div');
    row.className = `sov${b.id === brandSelect.value ? ' own' : ''}`;
    row.dataset.brand = b.id;
    const pct = b.share === null ? 0 : b.share * 100;
    const label = document.createElement('span');
    label.className = 'sov-label';
    label.textContent = `${b.name} · ${fmt(b.mentions)}${b.share === null ? '' : ` · ${pct.toFixed(1)}%`}`;
    const bar = document.createElement('span');
    bar.className = 'sov-bar';
    bar.style.width = `${pct}%`;
    row.append(label, bar);
    box.append(row);
  }
}

function filterBy(name: string, value: string): void {
  (filters.elements.namedItem(name) as HTMLInputElement).value = value;
  void loadFeed(true);
}

// Corrections sent and not archived yet, by id: followed until the numbers include them.
const following = new Set<string>();

/**
 * Asks where the mention's corrections stand, less often as time goes by, until the one sent is
 * archived (the aggregation worker writes its rollup rows before the archive row), then reloads
 * every widget: the card shows the correction, the charts and the summary count it.
 */
async function followCorrection(brandId: string, mentionId: string, id: string): Promise<void> {
  if (following.has(id)) return;
  following.add(id);
  try {
    for (let wait = 1_000; brandSelect.value === brandId; wait = Math.min(wait * 1.5, 15_000)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const state = await getJson<CorrectionState>(`/api/v1/brands/${encodeURIComponent(brandId)}/corrections`, {
        mention: mentionId,
      }).catch(() => undefined);
      if (state !== undefined && state.sent === null) {
        if (brandSelect.value === brandId) await loadAll();
        return;
      }
    }
  } finally {
    following.delete(id);
  }
}

const sendCorrection: SendCorrection = async (request) => {
  const brandId = brandSelect.value;
  const { correction: c } = await postJson<{ correction: VerdictCorrection }>(
    `/api/v1/brands/${encodeURIComponent(brandId)}/corrections`,
    request,
  );
  void followCorrection(brandId, c.mentionId, c.id);
  return {
    id: c.id,
    by: c.by,
    kind: c.toKind,
    fromKind: c.fromKind,
    sentiment: c.toSentiment,
    fromSentiment: c.fromSentiment,
    reason: c.reason,
    at: new Date(c.correctedAt).toISOString(),
  };
};

async function loadFeed(reset: boolean): Promise<void> {
  const mine = generation;
  if (reset) feedCursor = null;
  saveState();
  const page = await getJson<FeedPage>(`/api/v1/brands/${encodeURIComponent(brandSelect.value)}/mentions`, {
    ...range(),
    ...feedParams(),
    cursor: feedCursor,
  });
  if (mine !== generation) return;
  const list = $('feed');
  if (reset) list.replaceChildren();
  for (const item of page.items) {
    list.append(
      feedCard(
        item,
        (id) => filterBy('thread', id),
        (handle) => filterBy('author', handle),
        sendCorrection,
      ),
    );
    // Sent before this page was opened (or before a reload): followed the same way.
    if (item.sent !== null) void followCorrection(brandSelect.value, item.id, item.sent.id);
  }
  if (reset && page.items.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No mentions match.';
    list.append(empty);
  }
  feedCursor = page.next;
  $('more').hidden = page.next === null;
  list.dataset.count = String(list.querySelectorAll('li.mention').length);
}

/**
 * While top authors are awaited, says how far the dashboard's start-up read of the author blocks
 * is (a year of data takes seconds to read the first time): the answer waits for that read.
 */
function watchWarmUp<T>(answer: Promise<T>, mine: number): Promise<T> {
  let waiting = true;
  const show = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (!waiting || mine !== generation) return;
    const { authorsWarmUp: w } = await getJson<{ authorsWarmUp: { state: string; read: number; total: number; fromDisk: number } | null }>(
      '/api/v1/brands',
    ).catch(() => ({
      authorsWarmUp: null,
    }));
    if (!waiting || mine !== generation) return;
    const cell = document.createElement('td');
    cell.colSpan = 7;
    cell.className = 'empty';
    cell.dataset.testid = 'authors-warming';
    cell.textContent =
      w !== null && (w.state === 'warming' || w.state === 'waiting')
        ? `Reading top authors over all time, started with the dashboard: ${w.read} of ${w.total} blocks${w.fromDisk > 0 ? ` (${w.fromDisk} from the summary on disk)` : ''}. The other panels are ready.`
        : 'Reading top authors…';
    const row = document.createElement('tr');
    row.append(cell);
    $('authors').querySelector('tbody')?.replaceChildren(row);
    void show();
  };
  void show();
  return answer.finally(() => {
    waiting = false;
  });
}

async function loadAll(): Promise<void> {
  generation += 1;
  const mine = generation;
  saveState();
  document.body.dataset.loading = 'true';
  const brand = encodeURIComponent(brandSelect.value);
  const bounds = range();
  const mark = (a: AlertItem): AlertMark => ({ id: a.id, t: a.windowStart / 1000, severity: a.severity });
  // Each widget is drawn as soon as its own answer arrives: a slow one (top authors over a long
  // range) does not hold the others back. Answers for an older choice are dropped.
  const widget = <T>(promise: Promise<T>, render: (value: T) => void) =>
    promise.then((value) => {
      if (mine === generation) render(value);
    });
  const inbox = openInbox(
    brandSelect.value,
    $('alerts'),
    $('alerts-state'),
    $<HTMLButtonElement>('alerts-older'),
    (id) => filterBy('thread', id),
    (a) => addAlertMarks($('volume-chart'), [mark(a)]),
  );
  const results = await Promise.allSettled([
    widget(getJson<Summary>(`/api/v1/brands/${brand}/summary`, bounds), renderSummary),
    // The volume chart waits for the held alerts it marks; the inbox shows them meanwhile.
    widget(
      Promise.all([getJson<Series>(`/api/v1/brands/${brand}/series`, { ...bounds, tz: zone() }), inbox.catch(() => [] as AlertItem[])]),
      ([series, held]) => {
        drawVolume($('volume-chart'), series.points, held.map(mark), (id) => focusAlert($('alerts'), id));
        drawSentiment($('sentiment-chart'), series.points);
      },
    ),
    widget(getJson<ShareOfVoice>(`/api/v1/brands/${brand}/share-of-voice`, bounds), renderShare),
    widget(watchWarmUp(getJson<{ authors: TopAuthor[] }>(`/api/v1/brands/${brand}/authors`, bounds), mine), (authors) =>
      $('authors')
        .querySelector('tbody')
        ?.replaceChildren(...authors.authors.map((a) => authorRow(a, (handle) => filterBy('author', handle)))),
    ),
    widget(getJson<Drivers>(`/api/v1/brands/${brand}/drivers`, bounds), renderDrivers),
    loadFeed(true),
    inbox,
  ]);
  if (mine !== generation) return;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) showError(failed.reason);
  document.body.dataset.loading = 'false';
}

/** The zone choices: the brand's own first (the default), then UTC, this browser's, and every zone the browser knows. */
function fillZones(): void {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [
    'UTC',
    ...(browser && browser !== 'UTC' ? [browser] : []),
    ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC' && z !== browser),
  ];
  tzSelect.replaceChildren(new Option("Brand's", ''), ...zones.map((z) => new Option(z, z)));
}

async function start(): Promise<void> {
  fillZones();
  const state = restoreState();
  ({ brands } = await getJson<{ brands: BrandEntry[] }>('/api/v1/brands'));
  if (brands.length === 0) {
    status.textContent = 'No brands yet: apply a brands file (sl brands apply examples/brands.yaml).';
    status.className = 'status waiting';
    return;
  }
  brandSelect.replaceChildren(...brands.map((b) => new Option(b.name, b.id)));
  const wanted = state.get('brand');
  if (wanted && brands.some((b) => b.id === wanted)) brandSelect.value = wanted;
  applyZone();
  // A bookmarked custom range: its bounds shown as wall time in the page's zone.
  if (rangeSelect.value === 'custom') {
    for (const id of ['from', 'to']) {
      const value = state.get(id);
      if (value && !Number.isNaN(Date.parse(value)))
        $<HTMLInputElement>(id).value = formatWallTime(zone(), Date.parse(value)).replace(' ', 'T');
    }
  }
  brandSelect.addEventListener('change', () => {
    applyZone();
    void loadAll();
  });
  tzSelect.addEventListener('change', () => {
    applyZone();
    void loadAll();
  });
  rangeSelect.addEventListener('change', () => {
    $('custom-range').hidden = rangeSelect.value !== 'custom';
    if (rangeSelect.value !== 'custom') void loadAll();
  });
  $('apply-range').addEventListener('click', () => void loadAll());
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    loadFeed(true).catch(showError);
  });
  filters.addEventListener('reset', () => setTimeout(() => loadFeed(true).catch(showError), 0));
  $('more').addEventListener('click', () => loadFeed(false).catch(showError));
  await loadAll();
}

start().catch(showError);
