import { escapeHtml, renderRefundNote } from '../../../src/application/crm-write/refund-note';
import { providerLabels } from '../../../src/adapters/providers/provider-modules';
import type { RefundAttempt } from '../../../src/domain/attempt';
import { attemptId, hubSpotUserId, idempotencyKey, paymentId } from '../../../src/domain/ids';

const LABELS = providerLabels();

const attempt: RefundAttempt = {
  id: attemptId('6f1c2a8e-0000-4000-8000-000000000001'),
  paymentId: paymentId('7a1c2a8e-0000-4000-8000-000000000009'),
  origin: 'app',
  neededApproval: false,
  approvalReason: null,
  approval: null,
  expiresAt: null,
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
  failure: { code: 'payment_disputed', message: "Can't refund: <disputed>" },
  createdAt: new Date('2026-11-23T10:00:00Z'),
  completedAt: new Date('2026-11-23T10:00:01Z'),
};

describe('the timeline note', () => {
  it('escapes every piece of user and provider text', () => {
    const html = renderRefundNote(attempt, LABELS);
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

  it('tells a request\'s story: why it needed approval, when it expires, who decided and why', () => {
    const requested: RefundAttempt = {
      ...attempt,
      status: 'awaiting_approval',
      failure: null,
      note: null,
      neededApproval: true,
      approvalReason: 'Above the limit of USD 500.00 per refund.',
      expiresAt: new Date('2026-11-26T10:00:00Z'),
    };
    expect(renderRefundNote(requested, LABELS)).toContain('<p><strong>Refund awaiting approval</strong>: USD 12.34 via Stripe</p>');
    expect(renderRefundNote(requested, LABELS)).toContain('<li><strong>Needed approval:</strong> Above the limit of USD 500.00 per refund.</li><li><strong>Expires:</strong> 2026-11-26 10:00 UTC</li>');
    const rejected: RefundAttempt = {
      ...requested,
      status: 'rejected',
      approval: { decidedBy: { userId: hubSpotUserId('1'), name: 'Ada <Admin>' }, decidedAt: new Date('2026-11-24T09:30:00Z'), note: 'Refunded by cheque & closed' },
    };
    const html = renderRefundNote(rejected, LABELS);
    expect(html).toContain('<strong>Refund request rejected</strong>');
    expect(html).toContain('<li><strong>Rejected by:</strong> Ada &#60;Admin&#62; on 2026-11-24 09:30 UTC</li><li><strong>Why:</strong> Refunded by cheque &#38; closed</li>');
    expect(html).not.toContain('Expires');
  });

  it('names the provider\'s dashboard for a refund made outside the app', () => {
    expect(renderRefundNote({ ...attempt, status: 'succeeded', failure: null, origin: 'provider', requestedBy: null }, LABELS)).toContain(
      '<li><strong>Requested by:</strong> made outside the app, in the Stripe Dashboard</li>',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });
});
