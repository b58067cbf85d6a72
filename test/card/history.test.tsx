import { EmptyState, Table, TableCell, TableHeader, TableRow, Tag } from '@hubspot/ui-extensions';
import { renderCard, useCardClock } from './card-driver';
import { attemptView, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const DECLINED = attemptView({
  id: 'att_failed',
  amount: '49.00',
  status: 'failed',
  reason: 'fraudulent',
  note: 'Card reported stolen',
  requestedBy: { userId: '1', name: null, email: 'ada@example.com' },
  createdAt: '2025-03-06T09:15:00.000Z',
  providerRefundId: null,
  failure: { code: 'card_declined', message: 'The bank refused the refund, so nothing was refunded. Refund the customer another way and note it on the record.' },
});
const ANONYMOUS_VOID = attemptView({
  id: 'att_void',
  kind: 'void',
  amount: '1200.00',
  status: 'pending',
  reason: 'duplicate',
  note: null,
  requestedBy: { userId: '77', name: null, email: null },
  createdAt: '2025-03-07T18:00:00.000Z',
  completedAt: null,
  providerRefundId: '60123456789',
});

describe('history', () => {
  test('lists every attempt newest first, a failed one with its failure message', async () => {
    // Sent oldest first on purpose: the card orders by date itself.
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ attempts: [attemptView(), DECLINED, ANONYMOUS_VOID] }) }] });
    const card = renderCard();
    await card.ready();

    const table = card.findByTestId(Table, 'history');
    expect(table.findAll(TableHeader).map((header) => header.text)).toEqual(['Date', 'Kind', 'Amount', 'Status', 'Who', 'Reason and note', 'Approval', 'Provider refund id', 'Failure']);
    expect(table.findAll(TableRow).slice(1).map((row) => row.props.testId)).toEqual(['history-row-att_void', 'history-row-att_failed', 'history-row-att_1']);

    const cells = (id: string) => card.findByTestId(TableRow, `history-row-${id}`).findAll(TableCell)
        // ICU versions differ in the space they put before AM/PM (U+0020 or U+202F): compare spaces as spaces.
        .map((cell) => (cell.maybeFind(Tag)?.text ?? cell.text)?.replace(/\s/g, ' '));
    expect(cells('att_failed')).toEqual([
      'Mar 6, 2025, 4:15 AM',
      'Refund',
      '$49.00',
      'Failed',
      'ada@example.com',
      'Fraudulent: Card reported stolen',
      '—',
      '—',
      'The bank refused the refund, so nothing was refunded. Refund the customer another way and note it on the record.',
    ]);
    expect(card.findByTestId(Tag, 'history-status-att_failed').props.variant).toBe('error');
    expect(cells('att_1')).toEqual(['Mar 4, 2025, 10:30 AM', 'Refund', '$120.50', 'Succeeded', 'Rita Rep', 'Requested by the customer: Two seats removed', '—', 're_3Pq1', '—']);
    expect(cells('att_void')).toEqual(['Mar 7, 2025, 1:00 PM', 'Void', '$1,200.00', 'Pending', 'HubSpot user 77', 'Duplicate payment', '—', '60123456789', '—']);
  });

  test('shows an empty state when there is none', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ attempts: [] }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(EmptyState, 'history-empty').props.title).toBe('No refunds yet');
    expect(card.maybeFindByTestId(Table, 'history')).toBeNull();
  });
});
