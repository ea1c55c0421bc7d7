// How far a backfill is, on stderr: a bar redrawn in place on a terminal, a line every few
// seconds when stderr is a file or a pipe (a CI log), nothing with --quiet. Notes (a rejected
// line, a retry) go out in every mode, above the bar.

export interface ProgressState {
  /** Items settled: accepted or rejected. */
  done: number;
  accepted: number;
  rejected: number;
  /** Items in the input, when known. */
  total: number | undefined;
  elapsedMs: number;
}

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface ProgressReporter {
  update(state: ProgressState): void;
  /** One line above the progress, e.g. `line 3: publishedAt: …`. */
  note(line: string): void;
  /** Clears the bar; the summary follows. */
  finish(): void;
}

export interface ProgressOptions {
  mode: ProgressMode;
  write: (text: string) => void;
  /** @default Date.now */
  now?: () => number;
  /** Between two progress lines in 'lines' mode. @default 5_000 ms */
  lineIntervalMs?: number;
  /** Between two redraws of the bar. @default 100 ms */
  barIntervalMs?: number;
}

const BAR_WIDTH = 24;
const count = (n: number) => n.toLocaleString('en-US');
const perSecond = (state: ProgressState) => (state.elapsedMs > 0 ? Math.round((state.done * 1000) / state.elapsedMs) : 0);

/** `[██████░░…]  45%  4,500/10,000  accepted 4,490  rejected 10  1,234/s  ETA 5s`, or counts alone without a total. */
export function progressBar(state: ProgressState): string {
  const tally = `accepted ${count(state.accepted)}  rejected ${count(state.rejected)}  ${count(perSecond(state))}/s`;
  if (state.total === undefined || state.total === 0) return `${count(state.done)} sent  ${tally}`;
  const fraction = Math.min(1, state.done / state.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const rate = state.elapsedMs > 0 ? state.done / state.elapsedMs : 0;
  const eta = rate > 0 ? `  ETA ${duration((state.total - state.done) / rate)}` : '';
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${count(state.done)}/${count(state.total)}  ${tally}${eta}`;
}

/** `sl ingest: 4,500 of 10,000 (45%), accepted 4,490, rejected 10, 1,234/s` */
export function progressLine(state: ProgressState): string {
  const of = state.total === undefined ? '' : ` of ${count(state.total)} (${state.total === 0 ? 100 : Math.floor((state.done / state.total) * 100)}%)`;
  return `sl ingest: ${count(state.done)}${of}, accepted ${count(state.accepted)}, rejected ${count(state.rejected)}, ${count(perSecond(state))}/s`;
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const write = options.write;
  let last: ProgressState | undefined;
  // The first line waits a full interval: a short backfill prints only its summary.
  let drawnAt = options.mode === 'lines' ? now() : Number.NEGATIVE_INFINITY;
  let drawn = false;
  // \r and erase-to-end-of-line: the bar is redrawn where it stands.
  const clear = () => {
    if (drawn) write('\r\x1b[K');
    drawn = false;
  };
  const draw = () => {
    if (!last) return;
    write(`\r\x1b[K${progressBar(last)}`);
    drawn = true;
    drawnAt = now();
  };
  return {
    update(state) {
      last = state;
      if (options.mode === 'bar' && now() - drawnAt >= (options.barIntervalMs ?? 100)) draw();
      if (options.mode === 'lines' && now() - drawnAt >= (options.lineIntervalMs ?? 5_000)) {
        write(`${progressLine(state)}\n`);
        drawnAt = now();
      }
    },
    note(line) {
      if (options.mode !== 'bar') {
        write(`${line}\n`);
        return;
      }
      const wasDrawn = drawn;
      clear();
      write(`${line}\n`);
      if (wasDrawn) draw();
    },
    finish() {
      if (options.mode === 'bar') {
        // The final state once, then the line is cleared for the summary.
        clear();
      }
    },
  };
}
