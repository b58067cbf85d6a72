import { Alert, Button, Text } from '@hubspot/ui-extensions';
import { renderCard, useCardClock } from './card-driver';
import { transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('permissions (decided by the backend, mirrored by the card)', () => {
  test('a denied user sees the payment read-only, why, and whom to ask', async () => {
    const denyReason = 'Refunds are limited to the people your HubSpot admin named in the refund policy. Ask a super admin for access.';
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: { canRefund: false, canVoid: false, maxRefundAmount: null, denyReason } }) }] });
    const card = renderCard();
    await card.ready();

    expect(card.maybeFindByTestId(Button, 'refund-open')).toBeNull();
    expect(card.maybeFindByTestId(Button, 'void-open')).toBeNull();
    expect(card.findByTestId(Alert, 'read-only').props.title).toBe('You can see this payment but not refund it');
    expect(card.findByTestId(Text, 'read-only-reason').text).toBe(denyReason);
    expect(card.findByTestId(Text, 'read-only-whom').text).toContain('ask a HubSpot super admin');
    expect(card.maybeFindByTestId(Text, 'summary-limit')).toBeNull();
  });

  test('without a reason from the backend, it still says why in general terms', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: { canRefund: false } }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(Text, 'read-only-reason').text).toBe('Your HubSpot user is not allowed to refund payments.');
  });

  test('an allowed user with a per-refund limit sees it next to the figures', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: { approvalAbove: '500.00', dailyRemaining: '800.00' } }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(Text, 'summary-limit').text).toBe('up to $500.00');
    expect(card.findByTestId(Text, 'summary-daily').text).toBe('$800.00');
    expect(card.findByTestId(Button, 'refund-open').text).toBe('Refund');
    expect(card.maybeFindByTestId(Alert, 'read-only')).toBeNull();
  });

  test('when the backend refuses a refund over the limit, its message and the limit are shown', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ viewer: { maxRefundAmount: '500.00' } }) }],
      refunds: [{ status: 403, body: { error: { code: 'NOT_PERMITTED', message: 'This is more than you may refund at once.', details: { maxRefundAmount: '200.00' } } } }],
    });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.typeAmount('300');
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'refund-error').props.title).toBe('You are not allowed to do this'));
    expect(card.findByTestId(Text, 'refund-error-message').text).toBe('This is more than you may refund at once.');
    expect(card.findByTestId(Text, 'refund-error-hint').text).toBe('You may refund up to $200.00 here.');
    expect(backend.posted('refunds')).toHaveLength(1);
  });
});
