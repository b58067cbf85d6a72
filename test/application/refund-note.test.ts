import { escapeHtml, renderRefundNote } from '../../src/application/refund-note';
import type { RefundAttempt } from '../../src/domain/attempt';
import { attemptId, hubSpotUserId, idempotencyKey } from '../../src/domain/ids';

const attempt: RefundAttempt = {
  id: attemptId('6f1c2a8e-0000-4000-8000-000000000001'),
  transaction: { objectType: 'deals', objectId: '1' },
  kind: 'refund',
  amountMinor: 1234n,
  currency: 'USD',
  status: 'failed',
  reason: 'other',
  note: 'Customer said "no" & <img src=x onerror=alert(1)>\nsecond line',
  requestedBy: { userId: hubSpotUserId('2'), name: 'Rita <Rep>', email: 'rita@example.com' },
  idempotencyKey: idempotencyKey('k'),
  provider: 'stripe',
  providerTransactionId: 'pi_1',
  providerRefundId: null,
  failure: { code: 'charge_disputed', message: "Can't refund: <disputed>" },
  createdAt: new Date('2026-11-23T10:00:00Z'),
  completedAt: new Date('2026-11-23T10:00:01Z'),
};

describe('the timeline note', () => {
  it('escapes every piece of user and provider text', () => {
    const html = renderRefundNote(attempt);
    expect(html).toBe(
      '<p><strong>Refund failed</strong>: USD 12.34 via Stripe</p><ul>' +
        '<li><strong>Amount:</strong> USD 12.34</li>' +
        '<li><strong>Status:</strong> failed</li>' +
        '<li><strong>Requested by:</strong> Rita &#60;Rep&#62; (rita@example.com)</li>' +
        '<li><strong>Reason:</strong> Other</li>' +
        '<li><strong>Note:</strong> Customer said &#34;no&#34; &#38; &#60;img src=x onerror=alert(1)&#62;<br>second line</li>' +
        '<li><strong>Failure:</strong> Can&#39;t refund: &#60;disputed&#62;</li>' +
        '<li><strong>Attempt id:</strong> 6f1c2a8e-0000-4000-8000-000000000001</li></ul>',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });
});
