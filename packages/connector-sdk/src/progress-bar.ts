// A one-line text progress bar for backfills (`sl connectors run`, the runner's logs).
import type { Progress } from './connector.ts';

export function renderProgressBar(progress: Progress, width = 30): string {
  const unit = progress.unit ?? 'items';
  if (progress.total === undefined || progress.total <= 0) return `${progress.done} ${unit}${progress.detail ? ` ${progress.detail}` : ''}`;
  const ratio = Math.min(1, Math.max(0, progress.done / progress.total));
  const filled = Math.round(ratio * width);
  const percent = Math.floor(ratio * 100);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${progress.done}/${progress.total} ${unit}${progress.detail ? ` ${progress.detail}` : ''}`;
}
