// The `slack` format: a message a Slack incoming webhook accepts as is ({text, blocks}). `text` is
// the notification fallback; the blocks show what happened, how urgent, for which brand, in which
// UTC window, measured against what, with up to three sample posts and a link. A historical alert
// (sent only when the brand pages history) says so in the header and the fallback text.
// Post texts, explanations and names are someone else's words: &, < and > are escaped so they can
// never become a Slack link, a mention (<!channel>) or a broken message.
import type { Alert } from '@sl/contracts';
import { alertMeasure } from './alert-measure.ts';

export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackPayloadOptions {
  /** The brand's display name; the id is shown when absent. */
  brandName?: string;
}

// Slack's limits: header 150 characters, section text 3000, a field 2000.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const SAMPLE_MAX = 300;
const MAX_SAMPLES = 3;

const severityMarks: Record<string, string> = { critical: ':red_circle:', warning: ':warning:', info: ':information_source:' };

/** Escapes Slack's three control characters; control codes other than newline become spaces. */
export function escapeSlack(text: string): string {
  return text
    .replace(/[^\P{Cc}\n]+/gu, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

export function slackPayload(alert: Alert, options: SlackPayloadOptions = {}): SlackMessage {
  const severity = alert.severity.toUpperCase();
  const brand = options.brandName && options.brandName !== alert.brandId ? `${options.brandName} (${alert.brandId})` : alert.brandId;
  const measured = alertMeasure(alert);
  const history = alert.historical ? ' · history' : '';
  const blocks: SlackBlock[] = [
    // plain_text is shown literally, so the header holds only our own words and slug characters.
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`${severity} · ${slug(alert.kind)} · ${slug(alert.brandId)}${history}`, HEADER_MAX) },
    },
    {
      type: 'section',
      fields: [
        field('Kind', alert.kind),
        { type: 'mrkdwn', text: `*Severity*\n${severityMarks[alert.severity] ?? ''} ${escapeSlack(alert.severity)}`.trim() },
        field('Brand', brand),
        field('Window (UTC)', utcWindow(alert.windowStart, alert.windowEnd)),
        field('Observed', measured.observed),
        field('Expected', measured.expected),
      ],
    },
  ];
  if (alert.explanation.trim() !== '')
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(alert.explanation), SECTION_MAX) } });
  const samples = alert.sampleTexts.filter((t) => t.trim() !== '').slice(0, MAX_SAMPLES);
  if (samples.length > 0) {
    const quoted = samples.map((t) => `>${escapeSlack(truncate(t.replace(/\s+/g, ' ').trim(), SAMPLE_MAX))}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Sample mentions*\n${quoted.join('\n')}`, SECTION_MAX) } });
  }
  const link = slackLink(alert.url);
  const by = alert.author ? `by ${escapeSlack(alert.author)}` : '';
  if (link || by)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate([by, link].filter(Boolean).join('  '), SECTION_MAX) } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`alert ${escapeSlack(alert.id)}`, FIELD_MAX) }] });

  const summary = alert.explanation.trim() === '' ? `${measured.observed} (${measured.expected})` : alert.explanation;
  return {
    text: truncate(`[${escapeSlack(severity)}${history}] ${escapeSlack(alert.kind)} for ${escapeSlack(brand)}: ${escapeSlack(summary)}`, SECTION_MAX),
    blocks,
  };
}

function field(label: string, value: string): SlackText {
  return { type: 'mrkdwn', text: truncate(`*${label}*\n${escapeSlack(value)}`, FIELD_MAX) };
}

/** `<https://…|Open>` for an http(s) URL; anything else is not linked (a javascript: URL never is). */
function slackLink(url: string | null): string {
  if (!url) return '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
  // `|` ends the URL part of a Slack link; the WHATWG serialiser leaves it as is.
  return `<${escapeSlack(parsed.href).replaceAll('|', '%7C')}|Open the post>`;
}

function utcWindow(start: number, end: number): string {
  const at = (t: number) => {
    const date = new Date(t);
    return Number.isNaN(date.getTime()) ? String(t) : date.toISOString().slice(0, 16).replace('T', ' ');
  };
  if (!(end > start)) return `at ${at(start)}`;
  const [startDay, endText] = [at(start).slice(0, 10), at(end)];
  return `${at(start)} – ${endText.startsWith(startDay) ? endText.slice(11) : endText}`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** Cuts to `max` characters, never through the middle of an escape such as `&amp;`. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}
