// The page's side of the JSON API (src/api-routes.ts): the shapes it reads and one fetch helper.
// A 401 sends the person to the sign-in page; any other refusal is shown with the API's message.
// The shapes are the server's own types (types only: nothing of the server is bundled).

import type { Alert, InfluenceScore } from '@sl/contracts';
import type { SummaryFreshness } from '../src/api-routes.ts';
import type { ArchivedAlert } from '../src/archived-alerts.ts';
import type { TopAuthor as ServerTopAuthor } from '../src/top-authors.ts';
import type { Summary as ServerSummary } from '../src/rollup-widgets.ts';

export type { ArchivedAlert } from '../src/archived-alerts.ts';
export type { FeedCorrection, FeedItem, FeedPage } from '../src/conversation-widgets.ts';
export type { CorrectionState } from '../src/correction-route.ts';
export type { Series, SeriesPoint, ShareOfVoice } from '../src/rollup-widgets.ts';

/** The summary with how fresh it is ("complete up to …"). */
export type Summary = ServerSummary & SummaryFreshness;

/** A top author, with the influence the amplification worker earned them (authors.influence). */
export type TopAuthor = ServerTopAuthor & { influence: InfluenceScore | null };

export interface BrandEntry {
  id: string;
  name: string;
  /** The brand team's IANA zone from the brands file; null: UTC. */
  timeZone: string | null;
  competitors: Array<{ id: string; name: string }>;
}

export class ApiRefusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function getJson<T>(path: string, params: Record<string, string | null | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  const response = await fetch(text ? `${path}?${text}` : path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) {
    window.location.assign('/signin');
    throw new ApiRefusal(401, 'signed out');
  }
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new ApiRefusal(response.status, body.error ?? `HTTP ${response.status}`);
  return body;
}

/** POSTs JSON; answers the body, or throws the API's message. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status === 401) {
    window.location.assign('/signin');
    throw new ApiRefusal(401, 'signed out');
  }
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new ApiRefusal(response.status, answer.error ?? `HTTP ${response.status}`);
  return answer;
}

/** An alert as the API sends it (src/alert-stream.ts alertJson): the record and its Kafka position. */
export type AlertItem = Alert & { position: { partition: number; offset: string } };

export interface AlertList {
  following: boolean;
  alerts: AlertItem[];
  cursor: string;
  /** Older alerts from the alert archive that the server does not hold, newest first. */
  archived: ArchivedAlert[];
  /** The cursor of the archive's next page (…/alerts/archived); null: nothing older. */
  archivedNext: string | null;
  archivedFrom: string;
}

/** A page of …/alerts/archived. */
export interface ArchivedPage {
  archived: ArchivedAlert[];
  next: string | null;
  archivedFrom: string;
}

export interface Drivers {
  positive: Array<{ term: string; weight: number; mentions: number }>;
  negative: Array<{ term: string; weight: number; mentions: number }>;
}
