// The conversation feed's cards: the text with its sentiment drivers highlighted, the thread, the
// spam and duplicate verdicts with their reasons, and a link to the original. Built from DOM
// nodes, never HTML strings: a mention's text is whatever its author wrote.
import type { FeedCorrection, FeedItem, TopAuthor } from './api.ts';
import { when } from './zone.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text as nodes, each driver's term wrapped in a <mark> coloured by the sign of its weight. */
export function highlighted(text: string, drivers: FeedItem['sentiment']['drivers']): Node[] {
  const terms = drivers.filter((d) => d.term.trim() !== '' && d.weight !== 0);
  if (terms.length === 0) return [document.createTextNode(text)];
  const weightOf = new Map(terms.map((d) => [d.term.toLowerCase(), d.weight]));
  const pattern = new RegExp(`(${[...weightOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`, 'giu');
  return text.split(pattern).map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const weight = weightOf.get(part.toLowerCase()) ?? 0;
    return el('mark', { class: weight > 0 ? 'driver pos' : 'driver neg', title: `sentiment driver, weight ${weight.toFixed(2)}` }, part);
  });
}


/** What the correction form asks the API for (src/correction-route.ts): sentiment and/or kind, and why. */
export interface CorrectionRequest {
  mentionId: string;
  sentiment?: string;
  kind?: string;
  reason: string;
}

/** Sends a correction; resolves with it as the card shows it, or rejects with the API's message. */
export type SendCorrection = (request: CorrectionRequest) => Promise<FeedCorrection>;

const moves = (fix: FeedCorrection) =>
  [fix.fromKind !== fix.kind ? `${fix.fromKind} → ${fix.kind}` : '', fix.fromSentiment !== fix.sentiment ? `${fix.fromSentiment} → ${fix.sentiment}` : ''].filter((s) => s !== '').join(', ');

/** A correction sent from here that the rollups do not hold yet. */
const sentBadge = (fix: FeedCorrection) =>
  el('span', { class: 'badge sent', title: `sent at ${fix.at}: ${fix.reason}; the numbers change once the aggregation worker has written it` }, `correction sent: ${moves(fix)}`);

/** The team's correction form on a card: a sentiment and/or a kind, and a required reason. */
function correctionForm(item: FeedItem, verdicts: HTMLElement, send: SendCorrection): HTMLDetailsElement {
  const choose = (name: string, now: string, values: string[]) =>
    el('select', { name, 'aria-label': name }, el('option', { value: '' }, `${name} as now (${now})`), ...values.map((v) => el('option', { value: v }, v)));
  const counts = item.corrected?.kind ?? (item.duplicate.is ? 'duplicate' : item.spam.is ? 'spam' : 'counted');
  const feels = item.corrected?.sentiment ?? item.sentiment.label;
  const reason = el('input', { name: 'reason', required: '', maxlength: '500', placeholder: 'Why (kept beside the original verdict)', 'aria-label': 'reason' });
  const problem = el('p', { class: 'correct-error', role: 'alert' });
  const submit = el('button', { type: 'submit' }, 'Send correction');
  const form = el('form', { class: 'correct-form' }, choose('sentiment', feels, ['positive', 'neutral', 'negative']), choose('kind', counts, ['counted', 'spam', 'duplicate']), reason, submit, problem);
  const box = el('details', { class: 'correct' }, el('summary', {}, 'Correct…'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const pick = (name: string) => {
      const value = String(data.get(name) ?? '');
      return value === '' ? {} : { [name]: value };
    };
    problem.textContent = '';
    submit.disabled = true;
    send({ mentionId: item.id, ...pick('sentiment'), ...pick('kind'), reason: String(data.get('reason') ?? '') })
      .then((fix) => {
        verdicts.append(sentBadge(fix));
        box.open = false;
        box.hidden = true;
      })
      .catch((error: unknown) => {
        problem.textContent = error instanceof Error ? error.message : String(error);
        submit.disabled = false;
      });
  });
  return box;
}

export function feedCard(item: FeedItem, onThread: (id: string) => void, onAuthor: (handle: string) => void, send: SendCorrection): HTMLLIElement {
  const verdicts: HTMLElement[] = [el('span', { class: `badge ${item.sentiment.label}` }, `${item.sentiment.label} ${item.sentiment.compound.toFixed(2)}`)];
  if (item.duplicate.is) verdicts.push(el('span', { class: 'badge dup', title: item.duplicate.of ? `duplicate of ${item.duplicate.of}` : 'duplicate' }, `duplicate${item.duplicate.of ? ` of ${item.duplicate.of}` : ''}`));
  if (item.spam.is) verdicts.push(el('span', { class: 'badge spam' }, `spam ${item.spam.score.toFixed(2)}${item.spam.reasons.length ? `: ${item.spam.reasons.join(', ')}` : ''}`));
  else if (item.spam.reasons.length > 0) verdicts.push(el('span', { class: 'badge', title: 'below the brand\'s spam threshold' }, `spam score ${item.spam.score.toFixed(2)}: ${item.spam.reasons.join(', ')}`));
  if (item.correction) verdicts.push(el('span', { class: 'badge late', title: 'arrived late: counted through a correction row' }, 'late'));
  // The verdicts above are as scored; a correction says how it counts now, and why.
  const fix = item.corrected;
  if (fix !== null) {
    const by = fix.by === 'team' ? 'by the team' : 'in publication order';
    verdicts.push(el('span', { class: 'badge corrected', title: `corrected ${by} at ${fix.at}: ${fix.reason}` }, `corrected ${by}: ${moves(fix)}`));
  }
  if (item.sent !== null) verdicts.push(sentBadge(item.sent));
  const author = el('button', { type: 'button', class: 'link author', title: 'show only this author' }, `@${item.author.handle.replace(/^@/, '')}`);
  author.addEventListener('click', () => onAuthor(item.author.handle));
  const thread = el('button', { type: 'button', class: 'link', title: 'show this thread' }, item.parentId ? `reply in thread ${item.threadId}` : 'thread');
  thread.addEventListener('click', () => onThread(item.threadId));
  const meta = el(
    'div',
    { class: 'meta' },
    author,
    ` · ${item.source}${item.lang ? ` · ${item.lang}` : ''} · ${when(Date.parse(item.publishedAt))} · `,
    thread,
    ...(item.url ? [' · ', el('a', { href: item.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : []),
  );
  const body = el('p', { class: 'text' }, ...highlighted(item.text, item.sentiment.drivers));
  const title = item.title ? [el('strong', { class: 'title' }, ...highlighted(item.title, item.sentiment.drivers))] : [];
  const engagement = el('div', { class: 'engagement' }, `♥ ${item.engagement.likes} · ⇄ ${item.engagement.shares} · ↩ ${item.engagement.replies}`);
  const verdictLine = el('div', { class: 'verdicts' }, ...verdicts);
  // One in flight is corrected again once archived (the server refuses it before: 409).
  const form = item.sent === null ? [correctionForm(item, verdictLine, send)] : [];
  // Dimmed when it does not count now: as corrected, else as scored (the badges say both).
  const countsNow = item.corrected === null ? item.counted : item.corrected.kind === 'counted';
  return el('li', { class: `mention${countsNow ? '' : ' not-counted'}`, 'data-id': item.id }, meta, ...title, body, verdictLine, engagement, ...form);
}

/** The score, with its parts (each 0–1) in the tooltip, as the amplification worker computed them. */
function influenceCell(influence: TopAuthor['influence']): HTMLTableCellElement {
  if (influence === null) return el('td', { class: 'num', title: 'not scored yet' }, '–');
  const parts = `reach ${influence.reach.toFixed(2)}, engagement ${influence.engagement.toFixed(2)}, conversation ${influence.conversation.toFixed(2)}, consistency ${influence.consistency.toFixed(2)}, relevance ${influence.relevance.toFixed(2)}${influence.listed ? `, listed: ${influence.listed}` : ''}`;
  return el('td', { class: 'num', title: parts }, influence.score.toFixed(0));
}

export function authorRow(author: TopAuthor, onAuthor: (handle: string) => void): HTMLTableRowElement {
  const handle = el('button', { type: 'button', class: 'link' }, `@${author.handle.replace(/^@/, '')}`);
  handle.addEventListener('click', () => onAuthor(author.handle));
  const name = el('td', {}, handle, author.name ? el('span', { class: 'sub' }, ` ${author.name} · ${author.source}`) : el('span', { class: 'sub' }, ` ${author.source}`));
  return el(
    'tr',
    { 'data-handle': author.handle },
    name,
    el('td', { class: 'num' }, String(author.mentions)),
    influenceCell(author.influence),
    el('td', { class: 'num' }, author.followers === null ? '–' : author.followers.toLocaleString('en-US')),
    el('td', { class: 'num' }, author.engagement.toLocaleString('en-US')),
    el('td', { class: 'num' }, author.meanSentiment === null ? '–' : author.meanSentiment.toFixed(2)),
    el('td', {}, author.answered ? 'yes' : 'no'),
  );
}
