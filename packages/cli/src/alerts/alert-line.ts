// One alert as one line a person scans in a terminal: when it was raised, how urgent, what kind,
// for which brand, the window it looked at (UTC), what was measured against what, and the
// worker's own explanation; the author and link last, where a terminal can open the link. An alert
// raised long after its window (a backfill) is tagged [history] before the explanation: it is on
// the topic, but it paged nobody unless the brand pages history.
//
//   2026-11-24 12:03:07Z  CRITICAL  negative_surge             acme  12:00–12:15Z  30 negative (usual 8.6)     — 30 of …
//   2026-11-24 12:03:07Z  WARNING   volume_spike               acme  2026-10-02 09:00–09:15Z  48 mentions (usual 12)      [history] — …
//
// Columns have fixed widths (a tail cannot measure lines it has not seen yet).
import { alertMeasure } from '@sl/alerting';
import { ALERT_KINDS, type Alert } from '@sl/contracts';

export interface AlertLineOptions {
  /** ANSI colour for the severity; only for a terminal, never with NO_COLOR. */
  colour: boolean;
}

const DAY_MS = 86_400_000;
const SEVERITY_WIDTH = 'CRITICAL'.length;
const KIND_WIDTH = Math.max(...ALERT_KINDS.map((k) => k.length));
const WINDOW_WIDTH = '12:00–12:15Z'.length;
const MEASURE_WIDTH = 26;

const severityColours: Record<string, string> = { critical: '\x1b[1;31m', warning: '\x1b[33m', info: '\x1b[36m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const HISTORY_TAG = '[history]';

export function formatAlertLine(alert: Alert, options: AlertLineOptions): string {
  const severity = alert.severity.toUpperCase();
  const colour = options.colour ? severityColours[alert.severity] : undefined;
  const severityCell = colour
    ? `${colour}${severity}${RESET}${''.padEnd(SEVERITY_WIDTH - severity.length)}`
    : severity.padEnd(SEVERITY_WIDTH);
  const history = alert.historical ? (options.colour ? `${DIM}${HISTORY_TAG}${RESET} ` : `${HISTORY_TAG} `) : '';
  const trailer = [alert.author ? `by ${printable(alert.author)}` : '', alert.url ? printable(alert.url) : ''].filter(Boolean).join('  ');
  return [
    utcSeconds(alert.createdAt),
    severityCell,
    printable(alert.kind).padEnd(KIND_WIDTH),
    printable(alert.brandId),
    alertWindow(alert).padEnd(WINDOW_WIDTH),
    measure(alert).padEnd(MEASURE_WIDTH),
    `${history}— ${printable(alert.explanation)}`,
    trailer,
  ]
    .join('  ')
    .trimEnd();
}

/**
 * The window in UTC: `12:00–12:15Z`, or `at 11:58Z` for a single moment (per-post kinds). The
 * date is shown only when it is not the day the alert was raised; the end only as a time when
 * it is less than a day after the start.
 */
export function alertWindow(alert: Pick<Alert, 'windowStart' | 'windowEnd' | 'createdAt'>): string {
  const sameDay = (t: number) => Math.floor(t / DAY_MS) === Math.floor(alert.createdAt / DAY_MS);
  const start = sameDay(alert.windowStart) ? utcMinutes(alert.windowStart) : utcDate(alert.windowStart);
  if (alert.windowEnd <= alert.windowStart) return `at ${start}Z`;
  const end = alert.windowEnd - alert.windowStart < DAY_MS ? utcMinutes(alert.windowEnd) : utcDate(alert.windowEnd);
  return `${start}–${end}Z`;
}

/** observed against expected, in the unit of the kind: the same words the webhooks carry. */
export function measure(alert: Pick<Alert, 'kind' | 'observed' | 'expected'>): string {
  const { observed, expected } = alertMeasure(alert);
  return `${observed} (${expected})`;
}

function utcSeconds(t: number): string {
  return new Date(t)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

function utcMinutes(t: number): string {
  return new Date(t).toISOString().slice(11, 16);
}

function utcDate(t: number): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/** Text from posts and handles reaches the terminal: control characters (escapes, newlines) become one space. */
function printable(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ');
}
