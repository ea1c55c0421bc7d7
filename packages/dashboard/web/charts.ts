// Volume and sentiment over time with uPlot (bundled from npm; nothing is fetched at run time).
// The axis is labelled in the page's zone (the brand's, or the one picked), like the points' days.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from './api.ts';
import { zone } from './zone.ts';

const zoned = (ts: number) => uPlot.tzDate(new Date(ts * 1000), zone());

function size(el: HTMLElement): { width: number; height: number } {
  return { width: Math.max(320, el.clientWidth - 8), height: 220 };
}

const charts = new Map<string, uPlot>();

function draw(el: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
  charts.get(el.id)?.destroy();
  el.replaceChildren();
  const chart = new uPlot({ ...options, ...size(el), tzDate: zoned }, data, el);
  charts.set(el.id, chart);
}

/** An alert drawn on the volume chart where its window starts. */
export interface AlertMark {
  id: string;
  /** Epoch seconds. */
  t: number;
  severity: string;
}

const MARK_COLOURS: Readonly<Record<string, string>> = { critical: '#b3261e', warning: '#c47a29', info: '#8a8f99' };
const volumeMarks: AlertMark[] = [];
const volumeMarkIds = new Set<string>();
let redrawAsked = false;

/**
 * Adds alerts to the volume chart (live ones as they arrive). The chart is redrawn once per frame
 * however many arrive in it: a burst of alerts (a backfill's release) must not redraw it per alert.
 */
export function addAlertMarks(el: HTMLElement, marks: AlertMark[]): void {
  for (const m of marks) {
    if (volumeMarkIds.has(m.id)) continue;
    volumeMarkIds.add(m.id);
    volumeMarks.push(m);
  }
  if (redrawAsked) return;
  redrawAsked = true;
  requestAnimationFrame(() => {
    redrawAsked = false;
    charts.get(el.id)?.redraw(false);
  });
}

// Vertical lines at the alerts' window starts; a click near one opens that alert.
function alertMarksPlugin(el: HTMLElement, onMark: (id: string) => void): uPlot.Plugin {
  const visible = (u: uPlot) => {
    const min = u.scales.x?.min ?? Number.NEGATIVE_INFINITY;
    const max = u.scales.x?.max ?? Number.POSITIVE_INFINITY;
    return volumeMarks.filter((m) => m.t >= min && m.t <= max);
  };
  return {
    hooks: {
      init: [
        (u) => {
          u.over.addEventListener('click', (event) => {
            const hit = visible(u).find((m) => Math.abs(u.valToPos(m.t, 'x') - event.offsetX) <= 6);
            if (hit) onMark(hit.id);
          });
        },
      ],
      draw: [
        (u) => {
          const marks = visible(u);
          el.dataset.alertMarks = String(marks.length);
          const { ctx } = u;
          ctx.save();
          ctx.lineWidth = 2 * devicePixelRatio;
          // One path and one stroke per colour, each pixel column once: thousands of alerts (a
          // released backfill) cost what a few hundred columns do, not a stroke each.
          const columns = new Map<string, Set<number>>();
          for (const m of marks) {
            const colour = MARK_COLOURS[m.severity] ?? '#8a8f99';
            const xs = columns.get(colour) ?? new Set<number>();
            columns.set(colour, xs);
            xs.add(Math.round(u.valToPos(m.t, 'x', true)));
          }
          for (const [colour, xs] of columns) {
            ctx.strokeStyle = colour;
            ctx.beginPath();
            for (const x of xs) {
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
            }
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

export function drawVolume(el: HTMLElement, points: SeriesPoint[], marks: AlertMark[], onMark: (id: string) => void): void {
  const xs = points.map((p) => Date.parse(p.t) / 1000);
  volumeMarks.splice(0, volumeMarks.length, ...marks);
  volumeMarkIds.clear();
  for (const m of marks) volumeMarkIds.add(m.id);
  draw(
    el,
    {
      plugins: [alertMarksPlugin(el, onMark)],
      series: [
        {},
        { label: 'Mentions', stroke: '#2957c4', fill: 'rgba(41,87,196,0.12)', width: 2 },
        { label: 'Duplicates', stroke: '#8a8f99', width: 1 },
        { label: 'Spam', stroke: '#c47a29', width: 1 },
      ],
      axes: [{}, { label: 'per window' }],
    },
    [xs, points.map((p) => p.mentions), points.map((p) => p.duplicates), points.map((p) => p.spam)],
  );
  el.dataset.points = String(points.length);
  el.dataset.firstPoint = points[0]?.t ?? '';
  el.dataset.total = String(points.reduce((n, p) => n + p.mentions, 0));
}

export function drawSentiment(el: HTMLElement, points: SeriesPoint[]): void {
  const xs = points.map((p) => Date.parse(p.t) / 1000);
  draw(
    el,
    {
      series: [
        {},
        { label: 'Positive', stroke: '#2e8540', width: 2, scale: 'n' },
        { label: 'Neutral', stroke: '#8a8f99', width: 2, scale: 'n' },
        { label: 'Negative', stroke: '#b3261e', width: 2, scale: 'n' },
        { label: 'Mean score', stroke: '#6b3fa0', width: 2, dash: [6, 4], scale: 'score' },
      ],
      scales: { score: { range: [-1, 1] } },
      axes: [{}, { scale: 'n', label: 'mentions' }, { scale: 'score', side: 1, label: 'mean score', grid: { show: false } }],
    },
    [xs, points.map((p) => p.positive), points.map((p) => p.neutral), points.map((p) => p.negative), points.map((p) => p.mean)],
  );
}
