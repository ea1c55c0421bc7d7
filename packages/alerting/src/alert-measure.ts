// What an alert measured against what, in its kind's unit (see packages/amplification for how
// each kind fills observed and expected). A kind newer than this build still reads sensibly.
import type { Alert } from '@sl/contracts';

export function alertMeasure(alert: Pick<Alert, 'kind' | 'observed' | 'expected'>): { observed: string; expected: string } {
  const { observed: o, expected: e } = alert;
  switch (alert.kind) {
    case 'volume_spike':
      return { observed: `${num(o)} mentions`, expected: `usual ${num(e)}` };
    case 'negative_surge':
      // Counts, as the rollups hold them: negative mentions, against the usual share of the span's mentions.
      return { observed: `${num(o)} negative`, expected: `usual ${num(e)}` };
    case 'influential_voice':
      return { observed: `influence ${Math.round(o)}`, expected: `min ${num(e)}` };
    case 'viral_post':
      return { observed: `${num(o)} shares+replies/min`, expected: `was ${num(e)}` };
    case 'amplification_opportunity':
      return { observed: `${num(o)} engagements`, expected: `min ${num(e)}` };
    case 'unanswered_question':
      return { observed: `${num(o)} unanswered question${o === 1 ? '' : 's'}`, expected: `expected ${num(e)}` };
    default:
      return { observed: `observed ${num(o)}`, expected: `expected ${num(e)}` };
  }
}

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

