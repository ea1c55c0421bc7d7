// The alert inbox: the alerts the dashboard holds for the brand, newest first, then each new one
// as it is raised, over Server-Sent Events. EventSource reconnects by itself and sends the last
// event id, from which the server resumes: nothing is lost or shown twice across a reconnect.
// Below them, the history from the alert archive (beyond the topic's retention), marked as such.
import { type AlertItem, type AlertList, type ArchivedAlert, type ArchivedPage, getJson } from './api.ts';
import { when } from './zone.ts';

const number = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function card(alert: AlertItem | ArchivedAlert, onMention: (id: string) => void): HTMLLIElement {
  const archived = 'archived' in alert;
  const li = document.createElement('li');
  li.className = `alert ${alert.severity}${archived ? ' archived' : ''}`;
  li.dataset.id = alert.id;
  const head = document.createElement('div');
  head.className = 'meta';
  const badge = document.createElement('span');
  badge.className = `badge sev-${alert.severity}`;
  badge.textContent = alert.severity;
  head.append(
    badge,
    ` ${alert.kind.replaceAll('_', ' ')} · ${when(alert.windowStart)} to ${when(alert.windowEnd)} · observed ${number(alert.observed)} against expected ${number(alert.expected)}${alert.historical ? ' · historical' : ''}${archived ? ' · from the archive' : ''}`,
  );
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = alert.explanation;
  const evidence = document.createElement('div');
  evidence.className = 'evidence';
  evidence.append('Mentions: ');
  for (const id of alert.mentionIds.slice(0, 20)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = id;
    button.title = 'show this mention and its thread in the feed';
    button.addEventListener('click', () => onMention(id));
    evidence.append(button, ' ');
  }
  if (alert.mentionIds.length > 20) evidence.append(`and ${alert.mentionIds.length - 20} more`);
  if (alert.url) {
    const link = document.createElement('a');
    link.href = alert.url;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    link.textContent = 'original';
    evidence.append(' · ', link);
  }
  li.append(head, text, evidence);
  return li;
}

let source: EventSource | undefined;
// Which call is the current one: a list that arrives after the brand changed again is dropped.
let opened = 0;

/** Shows an alert in the inbox: scrolled to and highlighted (a click on its mark on the chart). */
export function focusAlert(list: HTMLElement, id: string): void {
  for (const li of list.querySelectorAll('li.focused')) li.classList.remove('focused');
  const li = [...list.querySelectorAll<HTMLLIElement>('li')].find((item) => item.dataset.id === id);
  li?.classList.add('focused');
  li?.scrollIntoView({ block: 'nearest' });
}

/** How long a frame may spend making alert cards, ms: the rest of a 60 Hz frame stays for layout and input. */
const FRAME_BUDGET_MS = 8;
const CARDS_BETWEEN_CLOCK_READS = 20;

/** Archived alerts asked for at a time: the first page with the held ones, then each "Older alerts". */
const ARCHIVE_PAGE = 50;

/**
 * Shows the brand's alerts and follows new ones until called again for another brand; returns the
 * held and archived ones. `onAdded` is told of each alert shown later (live, or an older page).
 */
export async function openInbox(
  brandId: string,
  list: HTMLElement,
  state: HTMLElement,
  older: HTMLButtonElement,
  onMention: (id: string) => void,
  onAdded: (alert: AlertItem) => void,
): Promise<AlertItem[]> {
  source?.close();
  source = undefined;
  opened += 1;
  const mine = opened;
  const base = `/api/v1/brands/${encodeURIComponent(brandId)}/alerts`;
  older.hidden = true;
  const held = await getJson<AlertList>(base, { archived: String(ARCHIVE_PAGE) });
  const shown: AlertItem[] = [...held.alerts, ...held.archived];
  if (mine !== opened) return shown;
  list.replaceChildren(...held.alerts.map((a) => card(a, onMention)), ...held.archived.map((a) => card(a, onMention)));
  list.dataset.count = String(shown.length);
  list.dataset.archived = String(held.archived.length);
  list.title = `older alerts from ${held.archivedFrom}`;
  // The archive's history, a page at a time below the rest (keyset: none repeated or skipped).
  let next = held.archivedNext;
  older.hidden = next === null;
  older.onclick = () => {
    if (next === null) return;
    older.disabled = true;
    getJson<ArchivedPage>(`${base}/archived`, { cursor: next, limit: String(ARCHIVE_PAGE) })
      .then((page) => {
        if (mine !== opened) return;
        list.append(...page.archived.map((a) => card(a, onMention)));
        for (const a of page.archived) onAdded(a);
        list.dataset.count = String(list.children.length);
        list.dataset.archived = String(Number(list.dataset.archived ?? 0) + page.archived.length);
        next = page.next;
        older.hidden = next === null;
      })
      .catch((error: unknown) => {
        state.textContent = `(could not read older alerts: ${error instanceof Error ? error.message : String(error)})`;
      })
      .finally(() => {
        older.disabled = false;
      });
  };
  if (!held.following) {
    state.textContent = '(this dashboard does not follow the alert topics: history from the archive only)';
    return shown;
  }
  state.textContent = '(live)';
  const stream = new EventSource(`${base}/stream?after=${encodeURIComponent(held.cursor)}`);
  source = stream;
  // Alerts are shown in animation frames, each given a budget of a few milliseconds: one insertion
  // into the list (and one chart redraw, addAlertMarks) per frame, not one per alert, and a burst
  // (a backfill's release: thousands at once) is spread over frames, oldest first, so the page
  // keeps answering clicks and the newest end up on top.
  const arrived: AlertItem[] = [];
  let scheduled = false;
  const showArrived = () => {
    scheduled = false;
    if (source !== stream) return;
    const started = performance.now();
    const cards: HTMLLIElement[] = [];
    while (cards.length < arrived.length) {
      cards.push(card(arrived[cards.length] as AlertItem, onMention));
      if (cards.length % CARDS_BETWEEN_CLOCK_READS === 0 && performance.now() - started > FRAME_BUDGET_MS) break;
    }
    const shownNow = arrived.splice(0, cards.length);
    list.prepend(...cards.reverse());
    list.dataset.count = String(list.children.length);
    for (const alert of shownNow) onAdded(alert);
    if (arrived.length > 0) {
      scheduled = true;
      requestAnimationFrame(showArrived);
    }
  };
  stream.addEventListener('alert', (event) => {
    arrived.push(JSON.parse((event as MessageEvent<string>).data) as AlertItem);
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(showArrived);
  });
  stream.addEventListener('open', () => {
    state.textContent = '(live)';
  });
  stream.addEventListener('error', () => {
    if (source === stream) state.textContent = '(reconnecting…)';
  });
  return shown;
}
