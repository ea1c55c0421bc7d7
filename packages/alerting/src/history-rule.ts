// The history rule: an alert the amplification worker raised long after its window ended (a
// backfill, last month loaded today) is marked historical. It stays on the brand's topic for
// anyone reading it, but it pages nobody unless the brand sets alertThresholds.pageHistory, so
// loading last month does not page a team for last month.
import type { Alert, Brand } from '@sl/contracts';

/** Whether `alert` may be sent to `brand`'s webhooks: live alerts always, historical ones only when the brand pages history. */
export function pagesFor(alert: Pick<Alert, 'historical'>, brand: Pick<Brand, 'alertThresholds'>): boolean {
  return !alert.historical || brand.alertThresholds.pageHistory;
}
