import { describe, expect, it } from 'vitest';
import { alertsTopicName, checkAlertOrigin } from '../src/alert-origin.ts';
import { isDeliveryError } from '../src/delivery-error.ts';

describe('checkAlertOrigin', () => {
  const origin = { topic: 'ns.alerts.acme', namespace: 'ns.', brandId: 'acme' };

  it('lets an alert through only from its own brand topic, naming its own brand', () => {
    expect(alertsTopicName('ns.', 'acme')).toBe('ns.alerts.acme');
    expect(checkAlertOrigin({ id: 'a1', brandId: 'acme' }, origin)).toBeUndefined();
    expect(checkAlertOrigin({ id: 'a1', brandId: 'acme' }, { topic: 'alerts.acme', namespace: '', brandId: 'acme' })).toBeUndefined();
  });

  it('refuses another brand in the record, another topic, or another namespace, as BRAND_MISMATCH', () => {
    const wrongBrand = checkAlertOrigin({ id: 'a1', brandId: 'globex' }, origin);
    expect(isDeliveryError(wrongBrand)).toBe(true);
    expect({ code: wrongBrand?.code, retriable: wrongBrand?.retriable }).toEqual({ code: 'BRAND_MISMATCH', retriable: false });
    expect(wrongBrand?.message).toBe(
      'brand mismatch: alert a1 names brand "globex", was read from topic "ns.alerts.acme" and would go to brand "acme" (topic "ns.alerts.acme"); not delivered to anyone',
    );
    expect(checkAlertOrigin({ id: 'a1', brandId: 'acme' }, { ...origin, topic: 'ns.alerts.globex' })?.code).toBe('BRAND_MISMATCH');
    expect(checkAlertOrigin({ id: 'a1', brandId: 'acme' }, { ...origin, topic: 'alerts.acme' })?.code).toBe('BRAND_MISMATCH');
    // A brand id that is a prefix of another is still another brand.
    expect(checkAlertOrigin({ id: 'a1', brandId: 'acme' }, { ...origin, topic: 'ns.alerts.acme2' })?.code).toBe('BRAND_MISMATCH');
  });
});
