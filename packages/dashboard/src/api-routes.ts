// GET /api/v1/…: what the page shows, for the page itself and for scripts. Every brand route
// checks the caller's scope before reading anything, and reads only that brand's partitions.
import type { InfluenceScore, VerdictCorrection } from '@sl/contracts';
import { type AlertHub, encodeAlertCursor } from './alert-hub.ts';
import { alertJson } from './alert-stream.ts';
import { ApiError, badRequest } from './api-error.ts';
import { readArchivedAlerts } from './archived-alerts.ts';
import { type Caller, callerMaySee } from './caller-access.ts';
import { parseFeedQuery, readDrivers, readFeed } from './conversation-widgets.ts';
import { readTopAuthors } from './top-authors.ts';
import { type CorrectionSender, markSent, parseCorrectionBody, readCorrectionState, submitCorrection } from './correction-route.ts';
import type { DashboardStore } from './dashboard-store.ts';
import { type Freshness, unmeasuredFreshness } from './freshness.ts';
import { type BrandInfo, readSeries, readShareOfVoice, readSummary } from './rollup-widgets.ts';
import { createSentCorrections, type SentCorrections } from './sent-corrections.ts';
import { parseTimeRange, parseTimeZone } from './time-range.ts';
import type { WarmUpProgress } from './start-up-warm-up.ts';

export interface ApiContext {
  store: DashboardStore;
  /** The brands known now (from brands.config or the brands file). */
  brands: () => readonly BrandInfo[];
  /** Alerts read from the alerts.<brand> topics; absent when the dashboard does not follow them. */
  alerts?: AlertHub;
  /** An author's influence for a brand (authors.influence), by source and handle as the amplification worker keys it. */
  influence?: (brandId: string, source: string, handle: string) => InfluenceScore | undefined;
  /** How fresh the rollups read are ("complete up to …"); unmeasured when absent. */
  freshness?: Freshness;
  /** Sends the team's corrections to mentions.corrections; absent without Kafka (the form's POST is then a 503). */
  corrections?: CorrectionSender;
  /** Corrections sent from here and not archived yet; the server makes one when absent. */
  sent?: SentCorrections;
  /** Wall clock for a correction's correctedAt, epoch ms. @default Date.now */
  now?: () => number;
  /** How far the start-up warm-up is (start-up-warm-up.ts); absent when none runs. */
  warmUp?: () => WarmUpProgress;
}

/** The summary's freshness fields (docs/dashboard.md, "Freshness"). */
export interface SummaryFreshness {
  /** Every mention received by then is in the numbers; null when not measured. */
  completeUpTo: string | null;
  /** The range ends at or before completeUpTo: only late arrivals can still change it. */
  rangeComplete: boolean;
  freshness: string;
}

// handleApi called without a server (scripts, tests): nothing was sent from here.
const NO_SENT = createSentCorrections();

/** Lower case, no leading @: how the amplification worker keys an author. */
const influenceHandle = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/** The route a request is counted under in metrics: the path with the brand id left out. */
export type ApiRoute =
  | 'brands'
  | 'summary'
  | 'series'
  | 'share-of-voice'
  | 'authors'
  | 'mentions'
  | 'drivers'
  | 'alerts'
  | 'alerts/stream'
  | 'alerts/archived'
  | 'corrections';

const BRAND_ROUTE =
  /^\/api\/v1\/brands\/([^/]+)\/(summary|series|share-of-voice|authors|mentions|drivers|alerts|alerts\/stream|alerts\/archived|corrections)$/;

export function apiRouteOf(pathname: string): ApiRoute | undefined {
  if (pathname === '/api/v1/brands') return 'brands';
  return BRAND_ROUTE.exec(pathname)?.[2] as ApiRoute | undefined;
}

/** The brand id in a brand route's path. */
export function brandIdOf(pathname: string): string | undefined {
  const id = BRAND_ROUTE.exec(pathname)?.[1];
  return id === undefined ? undefined : decodeURIComponent(id);
}

export function brandFor(ctx: ApiContext, caller: Caller, id: string): BrandInfo {
  // Scope first: a token never learns whether a brand outside it exists.
  if (!callerMaySee(caller, id)) throw new ApiError('FORBIDDEN', `this token may not see brand "${id}"`);
  const brand = ctx.brands().find((b) => b.id === id);
  if (brand === undefined) throw new ApiError('NOT_FOUND', `no brand "${id}"; GET /api/v1/brands lists the brands you may see`);
  return brand;
}

function positiveInt(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw badRequest(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
  return value;
}

// The author blocks' counts, which the page's top authors table waits on; the page reads' part is
// in /healthz's words only (those panels do not wait for it, they are answered meanwhile).
function warmUpOf(ctx: ApiContext): Pick<WarmUpProgress, 'state' | 'read' | 'total' | 'fromDisk'> | null {
  const progress = ctx.warmUp?.();
  return progress === undefined ? null : { state: progress.state, read: progress.read, total: progress.total, fromDisk: progress.fromDisk };
}

export async function handleApi(ctx: ApiContext, caller: Caller, url: URL): Promise<unknown> {
  if (url.pathname === '/api/v1/brands') {
    const names = new Map(ctx.brands().map((b) => [b.id, b.name]));
    return {
      brands: ctx
        .brands()
        .filter((b) => callerMaySee(caller, b.id))
        .map((b) => ({
          id: b.id,
          name: b.name,
          timeZone: b.timeZone,
          competitors: b.competitors.map((id) => ({ id, name: names.get(id) ?? id })),
        })),
      readFrom: ctx.store.describe,
      // Counts only: the words of /healthz are for operators.
      authorsWarmUp: warmUpOf(ctx),
    };
  }
  const match = BRAND_ROUTE.exec(url.pathname);
  if (!match) throw new ApiError('NOT_FOUND', `no API route ${url.pathname}; see docs/dashboard.md`);
  const brand = brandFor(ctx, caller, decodeURIComponent(match[1] as string));
  const sent = ctx.sent ?? NO_SENT;
  if (match[2] === 'corrections') return readCorrectionState(ctx.store, brand.id, url.searchParams.get('mention') ?? '', sent);
  if (match[2] === 'alerts/archived') {
    // The archive's older pages: what the hub holds now is left out, as on the first page.
    const held = new Set((ctx.alerts?.after(brand.id, new Map()) ?? []).map((entry) => entry.alert.id));
    const page = await readArchivedAlerts(
      ctx.store,
      brand.id,
      held,
      positiveInt(url.searchParams, 'limit', 50, 1_000),
      url.searchParams.get('cursor') || null,
    );
    return { brand: brand.id, ...page, archivedFrom: ctx.store.folder('alerts') };
  }
  if (match[2] === 'alerts') {
    const hub = ctx.alerts;
    const held = hub?.after(brand.id, new Map()) ?? [];
    const { archived, next } = await readArchivedAlerts(
      ctx.store,
      brand.id,
      new Set(held.map((entry) => entry.alert.id)),
      positiveInt(url.searchParams, 'archived', 200, 1_000),
    );
    return {
      brand: brand.id,
      following: hub !== undefined,
      // Newest first; pass `cursor` as ?after= to …/alerts/stream to get what comes next.
      alerts: held.map(alertJson).reverse(),
      cursor: hub === undefined ? '' : encodeAlertCursor(hub.position(brand.id)),
      // Older history from the alert archive: what the hub does not hold, newest first.
      archived,
      // Pass as ?cursor= to …/alerts/archived for the older ones; null: nothing older.
      archivedNext: next,
      archivedFrom: ctx.store.folder('alerts'),
    };
  }
  const range = parseTimeRange(url.searchParams);
  switch (match[2]) {
    case 'summary': {
      const freshness = ctx.freshness ?? unmeasuredFreshness;
      const complete = freshness.completeUpTo();
      const fresh: SummaryFreshness = {
        completeUpTo: complete === null ? null : new Date(complete).toISOString(),
        rangeComplete: complete !== null && range.to !== null && range.to <= complete,
        freshness: freshness.detail(),
      };
      return { ...(await readSummary(ctx.store, brand, range)), ...fresh };
    }
    case 'series':
      return readSeries(ctx.store, brand, range, url.searchParams.get('grain'), parseTimeZone(url.searchParams, brand.timeZone));
    case 'share-of-voice': {
      const known = new Map(ctx.brands().map((b) => [b.id, b.name]));
      return readShareOfVoice(
        ctx.store,
        brand,
        brand.competitors.map((id) => ({ id, name: known.get(id) ?? id })),
        range,
      );
    }
    case 'drivers':
      return readDrivers(ctx.store, brand, range, positiveInt(url.searchParams, 'limit', 8, 50));
    case 'authors': {
      const top = await readTopAuthors(ctx.store, brand, range, positiveInt(url.searchParams, 'limit', 10, 100));
      return {
        ...top,
        warmUp: warmUpOf(ctx),
        authors: top.authors.map((a) => ({ ...a, influence: ctx.influence?.(brand.id, a.source, influenceHandle(a.handle)) ?? null })),
      };
    }
    default: {
      const page = await readFeed(ctx.store, brand, range, parseFeedQuery(url.searchParams));
      return { ...page, items: markSent(brand.id, page.items, sent) };
    }
  }
}

/**
 * POST /api/v1/brands/{id}/corrections with a JSON body `{mentionId, sentiment?, kind?, reason}`:
 * the team's correction, made as `sl correct` makes it and sent to mentions.corrections.
 */
export async function handleCorrectionPost(
  ctx: ApiContext,
  caller: Caller,
  url: URL,
  readBody: () => Promise<unknown>,
): Promise<{ brand: string; state: 'sent'; correction: VerdictCorrection }> {
  // Scope first, as for every brand route; the body only then.
  const brand = brandFor(ctx, caller, brandIdOf(url.pathname) ?? '');
  const request = parseCorrectionBody(await readBody());
  const correction = await submitCorrection({
    store: ctx.store,
    brandId: brand.id,
    body: request,
    sender: ctx.corrections,
    sent: ctx.sent ?? NO_SENT,
    now: (ctx.now ?? Date.now)(),
  });
  return { brand: brand.id, state: 'sent', correction };
}
