import { Alert, Button, Text } from '@hubspot/ui-extensions';
import { VOID_MODAL_ID } from '../../extensions/refund-card/attempt-actions';
import { BACKEND_URL, renderCard, useCardClock } from './card-driver';
import { attemptResult, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const UNSETTLED = transactionDetails({
  transaction: { provider: 'authorize_net', providerTransactionId: '60123456789', refunded: '0.00', refundable: '1200.00', refundStatus: 'not_refunded' },
  viewer: { canVoid: true },
  attempts: [],
});

describe('void', () => {
  test('is not offered unless the backend says so (viewer.canVoid)', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: { canVoid: false } }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.maybeFindByTestId(Button, 'void-open')).toBeNull();
    expect(card.findByTestId(Button, 'refund-open')).toBeTruthy();
  });

  test('explains what a void does, confirms, and posts to the voids endpoint once', async () => {
    const afterVoid = transactionDetails({ ...UNSETTLED, viewer: { canVoid: false }, transaction: { ...UNSETTLED.transaction, refundable: '0.00', refundStatus: 'refund_pending' } });
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: UNSETTLED }, { status: 200, body: afterVoid }],
      voids: [{ status: 201, body: attemptResult({ kind: 'void', amount: '1200.00', status: 'succeeded', providerRefundId: '60123456789' }) }],
    });
    const card = renderCard();
    await card.ready();
    card.openVoid();
    expect(card.findByTestId(Text, 'void-explained').text).toContain('A void cancels the whole payment before it settles');

    card.chooseReason('void', 'other');
    card.review('void');
    expect(card.maybeFindByTestId(Text, 'void-confirm-0')).toBeNull();
    card.typeNote('void', 'Customer cancelled the order the same day');
    card.review('void');
    expect(card.findByTestId(Text, 'void-confirm-0').text).toBe('Void the whole payment of $1,200.00 (USD).');

    card.submit('void');
    card.submit('void');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'outcome').props.title).toBe('Void of $1,200.00 succeeded'));
    expect(backend.spy.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([
      [
        `${BACKEND_URL}/api/transactions/deals/1001/voids`,
        { method: 'POST', body: { reason: 'other', note: 'Customer cancelled the order the same day', idempotencyKey: expect.any(String) } },
      ],
    ]);
    expect(card.mocks.actions.closeOverlay.calls).toEqual([[VOID_MODAL_ID]]);
    await card.waitFor(() => expect(card.maybeFindByTestId(Button, 'void-open')).toBeNull());
  });
});
