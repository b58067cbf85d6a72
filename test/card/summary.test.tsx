import { StatisticsItem, Tag, Text } from '@hubspot/ui-extensions';
import { BACKEND_URL, renderCard, useCardClock } from './card-driver';
import { JPY_DEAL, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('summary', () => {
  test('USD: paid, refunded so far and still refundable, as the backend sent them, with status, provider and id', async () => {
    const backend = fakeFetchBackend({ get: [{ status: 200, body: transactionDetails() }] });
    const card = renderCard();
    await card.ready();

    expect(card.findByTestId(StatisticsItem, 'summary-paid').props.number).toBe('$1,200.00');
    expect(card.findByTestId(StatisticsItem, 'summary-refunded').props.number).toBe('$120.50');
    expect(card.findByTestId(StatisticsItem, 'summary-refundable').props.number).toBe('$1,079.50');
    expect(card.findByTestId(Tag, 'summary-status').text).toBe('Partially refunded');
    expect(card.findByTestId(Text, 'summary-provider').text).toBe('Stripe');
    expect(card.findByTestId(Text, 'summary-transaction-id').text).toBe('pi_3Pq1001');
    expect(card.maybeFindByTestId(Text, 'summary-limit')).toBeNull();
    expect(backend.spy).toHaveBeenCalledWith(`${BACKEND_URL}/api/transactions/deals/1001`, { method: 'GET' });
  });

  test('JPY: no decimals, and the per-refund limit in yen', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: JPY_DEAL }] });
    const card = renderCard({ objectId: 1002 });
    await card.ready();

    expect(card.findByTestId(StatisticsItem, 'summary-paid').props.number).toBe('¥120,000');
    expect(card.findByTestId(StatisticsItem, 'summary-refunded').props.number).toBe('¥0');
    expect(card.findByTestId(StatisticsItem, 'summary-refundable').props.number).toBe('¥120,000');
    expect(card.findByTestId(Tag, 'summary-status').text).toBe('Not refunded');
    expect(card.findByTestId(Text, 'summary-limit').text).toBe('up to ¥50,000');
  });

  test.each([
    ['not_refunded', 'Not refunded'],
    ['partially_refunded', 'Partially refunded'],
    ['fully_refunded', 'Fully refunded'],
    ['refund_pending', 'Refund pending'],
  ] as const)('status %s reads "%s"', async (refundStatus, label) => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ transaction: { refundStatus } }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(Tag, 'summary-status').text).toBe(label);
  });

  test("formats in the rep's locale: German euros, three-decimal dinars", async () => {
    fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ transaction: { currency: 'EUR', amount: '1234567.89', refunded: '0.00', refundable: '1234567.89' }, attempts: [] }) }],
    });
    const german = renderCard({ locale: 'de-DE' });
    await german.ready();
    expect(german.findByTestId(StatisticsItem, 'summary-paid').props.number).toBe('1.234.567,89\u00a0€');

    jest.restoreAllMocks();
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ transaction: { currency: 'KWD', amount: '15.750', refunded: '0.000', refundable: '15.750' }, attempts: [] }) }] });
    const kuwaiti = renderCard();
    await kuwaiti.ready();
    expect(kuwaiti.findByTestId(StatisticsItem, 'summary-paid').props.number).toBe('KWD\u00a015.750');
  });
});
