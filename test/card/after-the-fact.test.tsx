import { Alert, TableCell, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { renderCard, useCardClock } from './card-driver';
import { attemptView, transactionDetails, transactionView } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

/* What the provider reported after the fact, on the card: a refund that failed late, one made outside the app, a dispute. */

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const LATE = attemptView({
  id: 'att_late',
  amount: '20.00',
  status: 'failed',
  providerRefundId: 're_3PgcLate0001',
  completedAt: '2025-03-07T10:00:00.000Z',
  failure: {
    code: 'refund_failed_late',
    message: 'This refund had been reported successful, then Stripe reported that it failed: Stripe could not return the money: the card has expired or was canceled. The money did not reach the customer and the amount can be refunded again.',
  },
});

const OUTSIDE = attemptView({
  id: 'att_outside',
  origin: 'provider',
  amount: '15.00',
  status: 'succeeded',
  reason: 'other',
  note: null,
  requestedBy: null,
  providerRefundId: 're_3PgcOutside01',
  createdAt: '2025-03-08T12:00:00.000Z',
});

const cells = (card: ReturnType<typeof renderCard>, id: string) =>
  card
    .findByTestId(TableRow, `history-row-${id}`)
    .findAll(TableCell)
    .map((cell) => (cell.maybeFind(Tag)?.text ?? cell.text)?.replace(/\s/g, ' '));

describe('the card after the provider reported', () => {
  test('a refund that failed after it had succeeded: its row says so, and a notice tells the rep what happened', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ attempts: [LATE] }) }] });
    const card = renderCard();
    await card.ready();

    const row = cells(card, 'att_late');
    expect(row[3]).toBe('Failed after success');
    expect(row[8]).toBe(LATE.failure?.message);
    const notice = card.findByTestId(Alert, 'notice-late-att_late');
    expect(notice.props).toMatchObject({ variant: 'danger', title: 'A refund of $20.00 failed after it had been reported successful' });
    expect(notice.find(Text).text).toContain('the amount can be refunded again');
  });

  test('a refund made in the Stripe Dashboard: its row names where, and no HubSpot user', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ attempts: [OUTSIDE] }) }] });
    const card = renderCard();
    await card.ready();

    const row = cells(card, 'att_outside');
    expect(row.slice(1, 5)).toEqual(['Refund', '$15.00', 'Succeeded', 'Made in the Stripe Dashboard']);
    expect(card.maybeFindByTestId(Alert, 'notice-late-att_outside')).toBeNull();
  });

  test.each([
    ['refused', 'allows no refund while the dispute is open'],
    ['full_only', 'allows only a refund of everything that is left'],
  ] as const)('a disputed payment (%s): the notice says what Stripe still allows', async (refunds, said) => {
    const transaction = transactionView({ dispute: { openedAt: '2025-03-05T08:00:00.000Z', refunds } });
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ transaction }) }] });
    const card = renderCard();
    await card.ready();

    const notice = card.findByTestId(Alert, 'notice-dispute');
    expect(notice.props.title).toMatch(/^Disputed since Mar 5, 2025/);
    expect(notice.find(Text).text).toContain(said);
  });
});
