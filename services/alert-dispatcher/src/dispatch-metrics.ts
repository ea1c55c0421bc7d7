// What the dispatcher counts, registered once on the process registry.
import { Counter, Gauge, Histogram, type Registry } from '@sl/observability';

export interface DispatchMetrics {
  /** outcome: 'delivered' or the failure's code (WEBHOOK_HTTP_5XX, WEBHOOK_SECRET_MISSING, ...). */
  deliveries: Counter<'brand' | 'webhook' | 'outcome'>;
  attempts: Counter<'brand' | 'webhook' | 'result'>;
  deliverySeconds: Histogram<'outcome'>;
  refused: Counter<'brand'>;
  /** Historical alerts sent to no webhook because the brand's pageHistory is false. */
  historyNotPaged: Counter<'brand' | 'kind'>;
  brands: Gauge;
  consumers: Gauge;
}

export function createDispatchMetrics(registry: Registry): DispatchMetrics {
  const registers = [registry];
  return {
    deliveries: new Counter({
      name: 'sl_alert_deliveries_total',
      help: 'Alerts handed to a webhook or dead-lettered for it, by brand, webhook and outcome.',
      labelNames: ['brand', 'webhook', 'outcome'],
      registers,
    }),
    attempts: new Counter({
      name: 'sl_alert_delivery_attempts_total',
      help: "HTTP attempts, by brand, webhook and result ('ok' or the attempt's failure code).",
      labelNames: ['brand', 'webhook', 'result'],
      registers,
    }),
    deliverySeconds: new Histogram({
      name: 'sl_alert_delivery_seconds',
      help: 'From the first attempt to the outcome of one alert for one webhook, retries included.',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180],
      registers,
    }),
    refused: new Counter({
      name: 'sl_alerts_refused_total',
      help: 'Alerts refused whole because they name another brand than their topic.',
      labelNames: ['brand'],
      registers,
    }),
    historyNotPaged: new Counter({
      name: 'sl_alerts_history_not_paged_total',
      help: "Historical alerts (raised more than the brand's historyMinutes after their window) recorded on the topic but sent to no webhook, because the brand's pageHistory is false; by brand and kind.",
      labelNames: ['brand', 'kind'],
      registers,
    }),
    brands: new Gauge({ name: 'sl_alert_dispatcher_brands', help: 'Live brands whose alerts the dispatcher delivers.', registers }),
    consumers: new Gauge({ name: 'sl_alert_dispatcher_consumers', help: 'Brand alert topics being consumed now.', registers }),
  };
}
