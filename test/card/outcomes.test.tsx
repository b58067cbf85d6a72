import { Alert, Text } from '@hubspot/ui-extensions';
import type { AttemptView } from '../../extensions/shared/api-schemas';
import { renderCard, useCardClock } from './card-driver';
import { attemptResult, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const AUTHORIZE_NET_NOT_SETTLED =
  'Authorize.net only refunds settled transactions, and this one has not settled yet (usually within 24 hours). Void the whole transaction now instead, or refund it after settlement.';

async function refundWithOutcome(status: number, attempt: Partial<AttemptView>) {
  const backend = fakeFetchBackend({ get: [{ status: 200, body: transactionDetails() }], refunds: [{ status, body: attemptResult({ amount: '100.00', ...attempt }) }] });
  const card = renderCard();
  await card.ready();
  card.openRefund();
  card.choosePartial();
  card.typeAmount('100');
  card.chooseReason('refund', 'requested_by_customer');
  card.review('refund');
  card.submit('refund');
  await card.waitFor(() => card.findByTestId(Alert, 'outcome'));
  return { card, backend, alert: card.findByTestId(Alert, 'outcome'), message: card.findByTestId(Text, 'outcome-message').text };
}

describe('outcome of a refund', () => {
  test('succeeded: says when the money arrives', async () => {
    const { alert, message } = await refundWithOutcome(201, { status: 'succeeded' });
    expect(alert.props).toMatchObject({ variant: 'success', title: 'Refund of $100.00 succeeded' });
    expect(message).toBe('The money returns to the original payment method, usually within 5-10 business days.');
  });

  test('pending: says the provider is still working and nothing more is needed', async () => {
    const { alert, message } = await refundWithOutcome(201, { status: 'pending', providerRefundId: 're_pending', completedAt: null });
    expect(alert.props).toMatchObject({ variant: 'info', title: 'Refund of $100.00 is pending' });
    expect(message).toBe('The provider accepted the refund and is still processing it. This card and the record update when it finishes; there is nothing more to do.');
  });

  test('unknown (202): we check with the provider, do not refund again', async () => {
    const { alert, message } = await refundWithOutcome(202, { status: 'unknown', providerRefundId: null, completedAt: null });
    expect(alert.props).toMatchObject({ variant: 'warning', title: 'Refund of $100.00: outcome unknown' });
    expect(message).toContain("We'll check with the provider; don't refund again.");
  });

  test("failed: shows the backend's rep-facing reason, e.g. Authorize.net's void-or-wait advice", async () => {
    const { alert, message } = await refundWithOutcome(201, {
      status: 'failed',
      providerRefundId: null,
      failure: { code: 'authorize_net_54', message: AUTHORIZE_NET_NOT_SETTLED },
    });
    expect(alert.props).toMatchObject({ variant: 'danger', title: 'Refund of $100.00 failed' });
    expect(message).toBe(AUTHORIZE_NET_NOT_SETTLED);
  });

  test('the same form answered again (200) shows the original attempt', async () => {
    const { alert } = await refundWithOutcome(200, { status: 'succeeded' });
    expect(alert.props.title).toBe('Refund of $100.00 succeeded');
  });

  test('can be dismissed, and refreshes the record and the history', async () => {
    const { card, backend } = await refundWithOutcome(201, { status: 'failed', failure: { code: 'card_declined', message: 'The bank declined the refund.' } });
    expect(card.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    await card.waitFor(() => expect(backend.gets()).toBe(2));
    card.click('outcome-dismiss');
    expect(card.maybeFindByTestId(Alert, 'outcome')).toBeNull();
  });
});
