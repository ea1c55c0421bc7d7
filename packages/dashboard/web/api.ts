// The page's side of the JSON API (src/api-routes.ts): the shapes it reads and one fetch helper.
// A 401 sends the person to the sign-in page; any other refusal is shown with the API's message.
// The shapes are the server's own types (types only: nothing of the server is bundled).

export type { FeedItem, FeedPage } from '../src/conversation-widgets.ts';
export type { Series, SeriesPoint, ShareOfVoice, Summary } from '../src/rollup-widgets.ts';

export interface TopAuthor {
  handle: string;
  name: string | null;
  source: string;
  followers: number | null;
  mentions: number;
  engagement: number;
  meanSentiment: number | null;
  answered: boolean;
  influence: { score: number; reach: number; engagement: number; conversation: number; consistency: number; relevance: number; listed: string | null } | null;
}

export interface BrandEntry {
  id: string;
  name: string;
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

export interface AlertItem {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  mentionIds: string[];
  sampleTexts: string[];
  explanation: string;
  createdAt: number;
  author: string | null;
  url: string | null;
  historical: boolean;
  position: { partition: number; offset: string };
}

export interface AlertList {
  following: boolean;
  alerts: AlertItem[];
  cursor: string;
}

export interface Drivers {
  positive: Array<{ term: string; weight: number; mentions: number }>;
  negative: Array<{ term: string; weight: number; mentions: number }>;
}
