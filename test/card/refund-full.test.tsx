import { Alert, Input, StatisticsItem, Text, ToggleGroup } from '@hubspot/ui-extensions';
import { REFUND_MODAL_ID } from '../../extensions/refund-card/attempt-actions';
import { BACKEND_URL, renderCard } from './card-driver';
import { attemptResult, attemptView, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const AFTER_REFUND = transactionDetails({
  transaction: { refunded: '1200.00', refundable: '0.00', refundStatus: 'fully_refunded' },
  attempts: [attemptView({ id: 'att_new', amount: '1079.50', reason: 'duplicate', note: null }), attemptView()],
});

describe('full refund', () => {
  test('prefills everything still refundable, read-only, and confirms amount, currency and what the customer sees', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails() }] });
    const card = renderCard();
    await card.ready();
    card.openRefund();

    expect(card.findByTestId(ToggleGroup, 'refund-mode').props.value).toBe('full');
    const amount = card.findByTestId(Input, 'refund-amount');
    expect(amount.props.value).toBe('1079.50');
    expect(amount.props.readOnly).toBe(true);

    card.chooseReason('refund', 'duplicate');
    card.review('refund');

    expect(card.findByTestId(Text, 'refund-confirm-0').text).toBe('Refund $1,079.50 (USD) to the customer.');
    expect(card.findByTestId(Text, 'refund-confirm-1').text).toBe('The money returns to the original payment method, usually within 5-10 business days.');
    expect(card.findByTestId(Text, 'refund-confirm-2').text).toBe('Reason: Duplicate payment.');
  });

  test('sends the whole refundable amount once, shows the outcome, closes the modal, re-reads the payment and refreshes the record now and 2 s later', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails() }, { status: 200, body: AFTER_REFUND }],
      refunds: [{ status: 201, body: attemptResult({ amount: '1079.50' }, AFTER_REFUND.transaction) }],
    });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');

    await card.waitFor(() => expect(card.findByTestId(Alert, 'outcome').props.title).toBe('Refund of $1,079.50 succeeded'));
    expect(card.findByTestId(Text, 'outcome-message').text).toBe('The money returns to the original payment method, usually within 5-10 business days.');

    expect(backend.spy.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([
      [
        `${BACKEND_URL}/api/transactions/deals/1001/refunds`,
        { method: 'POST', body: { amount: '1079.50', reason: 'duplicate', idempotencyKey: expect.stringMatching(/^[A-Za-z0-9._:-]{8,128}$/) } },
      ],
    ]);
    expect(card.mocks.actions.closeOverlay.calls).toEqual([[REFUND_MODAL_ID]]);

    await card.waitFor(() => expect(card.findByTestId(StatisticsItem, 'summary-refundable').props.number).toBe('$0.00'));
    expect(backend.gets()).toBe(2);
    expect(card.findByTestId(Text, 'nothing-left').text).toBe('Nothing is left to refund on this payment.');

    // The backend writes the CRM properties just after answering: once now, once when they have landed.
    expect(card.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    jest.advanceTimersByTime(1999);
    expect(card.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    jest.advanceTimersByTime(1);
    expect(card.mocks.actions.refreshObjectProperties.callCount).toBe(2);
  });

  test('is not offered when the rep may refund less than what is left; partial is', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: { maxRefundAmount: '500.00' } }) }] });
    const card = renderCard();
    await card.ready();
    card.openRefund();

    const mode = card.findByTestId(ToggleGroup, 'refund-mode');
    expect(mode.props.value).toBe('partial');
    expect(mode.props.options[0]).toMatchObject({ value: 'full', readOnly: true });
    expect(card.findByTestId(Input, 'refund-amount').props.readOnly).toBe(false);
    expect(card.findByTestId(Input, 'refund-amount').props.description).toContain('You may refund up to $500.00 here.');
  });
});
