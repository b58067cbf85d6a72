import { propertyNamesFor } from '../../../src/adapters/crm-property-names';
import { toTransactionFields } from '../../../src/adapters/crm-property-names';
import { noteAssociationTypeId, noteCreateBody, toDirectoryUser } from '../../../src/adapters/hubspot/hubspot-mapping';
import { REFUND_PROPERTIES, REFUND_PROPERTY_GROUP } from '../../../src/application/crm-write/refund-property-definitions';
import { ATTEMPT_STATUSES } from '../../../src/domain/attempt';
import { REFUND_REASONS } from '../../../src/domain/refund-reason';
import { REFUND_STATUSES } from '../../../src/domain/refund-status';
import type { RefundProperties } from '../../../src/ports/crm-records';

describe('toTransactionFields', () => {
  it('turns null, blank and absent properties into null and keeps values as stored', () => {
    const fields = toTransactionFields(propertyNamesFor('deals'), { payment_provider: null, payment_transaction_id: '  ', amount: '1.5E3', deal_currency_code: 'usd' });
    expect(fields).toEqual({ provider: null, providerTransactionId: null, cardLast4: null, amount: '1.5E3', currency: 'usd' });
  });
});

describe('note associations', () => {
  it('knows the HUBSPOT_DEFINED note type ids of the standard objects, whatever the case', () => {
    expect(noteAssociationTypeId('DEALS')).toBe(214);
    expect(noteAssociationTypeId('contact')).toBe(202);
    expect(noteAssociationTypeId('0-2')).toBe(190);
    expect(noteAssociationTypeId('0-5')).toBe(228);
    expect(noteAssociationTypeId('commerce_payments')).toBeNull();
    expect(noteAssociationTypeId('2-123456')).toBeNull();
    expect(noteAssociationTypeId('constructor')).toBeNull();
  });

  it('sends the associations array empty rather than leaving it out', () => {
    expect(noteCreateBody({ objectType: '2-1', objectId: '7' }, { bodyHtml: '<p/>', timestamp: new Date(0) }, null)).toEqual({
      properties: { hs_timestamp: '1970-01-01T00:00:00.000Z', hs_note_body: '<p/>' },
      associations: [],
    });
  });
});

describe('toDirectoryUser', () => {
  it('merges roleId into roleIds and the primary team into the team ids, without duplicates or blanks', () => {
    const user = toDirectoryUser({ id: '5', email: 'a@b.c', superAdmin: false, roleIds: ['1', '2'], roleId: '2', primaryTeamId: '', secondaryTeamIds: ['9'] });
    expect(user).toEqual({ id: '5', email: 'a@b.c', superAdmin: false, roleIds: ['1', '2'], teamIds: ['9'] });
  });
});

describe('refund property definitions', () => {
  it('define exactly the six written properties, in the group "refunds"', () => {
    const written: Record<keyof RefundProperties, true> = {
      refund_status: true,
      refunded_amount: true,
      refund_count: true,
      last_refund_at: true,
      last_refund_reason: true,
      last_refund_attempt_status: true,
    };
    expect(REFUND_PROPERTY_GROUP).toEqual({ name: 'refunds', label: 'Refunds' });
    expect(REFUND_PROPERTIES.map((p) => p.name)).toEqual(Object.keys(written));
  });

  it('offer every value the app writes as an option with a readable label', () => {
    const values = (name: string) => REFUND_PROPERTIES.find((p) => p.name === name)?.options?.map((o) => o.value);
    expect(values('refund_status')).toEqual([...REFUND_STATUSES]);
    expect(values('last_refund_reason')).toEqual([...REFUND_REASONS]);
    expect(values('last_refund_attempt_status')).toEqual([...ATTEMPT_STATUSES]);
    for (const property of REFUND_PROPERTIES) {
      for (const option of property.options ?? []) expect(option.label).not.toMatch(/_/);
    }
  });
});
