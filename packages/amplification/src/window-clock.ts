// Moving a brand's event-time clock forward: questions fall due, windows whose end has passed
// close into the baseline, oldest first, and the questions due in a closing window are
// raised with it. The clock only moves forward and a move to t does the same as any sequence of
// moves ending at t (up to a week of silence), which is what lets the watermark advance in steps
// of any size and still give the same alerts.
import type { Brand } from '@sl/contracts';
import type { AlertDraft } from './alert-text.ts';
import type { BrandState } from './brand-state.ts';
import { unansweredAlert } from './question-alert.ts';
import { foldWindow } from './volume-baseline.ts';
import { negativeSurge, volumeSpike } from './window-detectors.ts';
import { newWindowTally, type WindowTally } from './window-tally.ts';
import { earliestBound, setEarliest } from './earliest-bound.ts';

/**
 * A window closes as soon as the brand's watermark passes its end: the watermark already trails
 * ingestion by the live delay, or by as much as the brand's mentions have lately come late, and
 * holds for backfills. That delay is the window's grace; waiting longer here would only add it
 * again to every live window alert.
 */
/** Folding a long silence stops after a week of empty windows. */
const MAX_EMPTY_WINDOWS_FOLDED = 7 * 24 * 4;

/** The event time at which the clock next has something to do (a question due, a window to close). */
export function nextClockDue(st: BrandState): number {
  let due = Number.POSITIVE_INFINITY;
  for (const question of Object.values(st.questions)) due = Math.min(due, question.dueAt);
  const openStarts = Object.keys(st.windows).map(Number);
  const next = st.lastClosed === null ? Math.min(...openStarts) : st.lastClosed + st.windowMs;
  if (Number.isFinite(next)) due = Math.min(due, next + st.windowMs);
  return due;
}

export function advanceClock(brand: Brand, st: BrandState, t: number, emit: (draft: AlertDraft) => void): void {
  if (earliestBound(st.questions, (q) => q.dueAt) <= t) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [id, question] of Object.entries(st.questions)) {
      if (question.dueAt <= t) {
        st.unanswered.push(question);
        delete st.questions[id];
      } else earliest = Math.min(earliest, question.dueAt);
    }
    setEarliest(st.questions, earliest);
  }
  // A window starting before closeBefore ends by t.
  const closeBefore = Math.floor(t / st.windowMs) * st.windowMs;
  let next = st.lastClosed === null ? Math.min(...Object.keys(st.windows).map(Number), closeBefore) : st.lastClosed + st.windowMs;
  if ((closeBefore - next) / st.windowMs > MAX_EMPTY_WINDOWS_FOLDED) next = closeBefore - MAX_EMPTY_WINDOWS_FOLDED * st.windowMs;
  for (let start = next; start < closeBefore; start += st.windowMs) {
    const tally: WindowTally = st.windows[String(start)] ?? newWindowTally(start);
    delete st.windows[String(start)];
    // Judged whole, against the baseline before it: the figures are the window's final ones. A
    // window whose complaints surge is one story, told by the surge: the volume they add does not
    // raise a volume spike as well.
    const surge = negativeSurge(brand, st, tally);
    const spike = surge === null ? volumeSpike(brand, st, tally) : null;
    for (const draft of [spike, surge]) if (draft) emit(draft);
    foldWindow(st.baseline, start, tally.count, tally.negatives);
    st.lastClosed = start;
    st.previous = { ...tally, perAuthor: {}, trackedAuthors: 0, perThread: {} };
    const due = st.unanswered.filter((q) => q.dueAt < start + st.windowMs);
    if (due.length > 0) {
      st.unanswered = st.unanswered.filter((q) => q.dueAt >= start + st.windowMs);
      emit(unansweredAlert(brand, start, st.windowMs, due));
    }
  }
  // Windows skipped over by a jump of more than a week are dropped, and so are questions due in them.
  const closedUpTo = st.lastClosed ?? Number.NEGATIVE_INFINITY;
  for (const key in st.windows) if (Number(key) <= closedUpTo) delete st.windows[key];
  if (st.unanswered.some((q) => q.dueAt < closedUpTo)) st.unanswered = st.unanswered.filter((q) => q.dueAt >= closedUpTo);
  if (earliestBound(st.quietUntil, (until) => until) <= t) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, until] of Object.entries(st.quietUntil)) {
      if (until <= t) delete st.quietUntil[key];
      else earliest = Math.min(earliest, until);
    }
    setEarliest(st.quietUntil, earliest);
  }
}
