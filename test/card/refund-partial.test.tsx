import { Input, Select, Text, TextArea } from '@hubspot/ui-extensions';
import { renderCard, useCardClock } from './card-driver';
import { attemptResult, JPY_DEAL, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

async function partialRefundForm(details = transactionDetails()) {
  const backend = fakeFetchBackend({ get: [{ status: 200, body: details }], refunds: [{ status: 201, body: attemptResult() }] });
  const card = renderCard();
  await card.ready();
  card.openRefund();
  card.choosePartial();
  return { card, backend };
}

describe('partial refund', () => {
  test('takes an amount in the currency precision and sends it as the API expects it', async () => {
    const { card, backend } = await partialRefundForm();
    card.typeAmount('12.5');
    card.chooseReason('refund', 'requested_by_customer');
    card.typeNote('refund', '  One seat removed  ');
    card.review('refund');

    expect(card.findByTestId(Text, 'refund-confirm-0').text).toBe('Refund $12.50 (USD) to the customer.');
    expect(card.findByTestId(Text, 'refund-confirm-2').text).toBe('Reason: Requested by the customer. Note: One seat removed');
    card.submit('refund');
    await card.waitFor(() => expect(backend.posted('refunds')).toHaveLength(1));
    expect(backend.posted('refunds')[0]).toEqual({ amount: '12.50', reason: 'requested_by_customer', note: 'One seat removed', idempotencyKey: expect.any(String) });
  });

  test('refuses more than is refundable before anything is sent', async () => {
    const { card, backend } = await partialRefundForm();
    card.typeAmount('1079.51');
    card.chooseReason('refund', 'duplicate');
    card.review('refund');

    const amount = card.findByTestId(Input, 'refund-amount');
    expect(amount.props.error).toBe(true);
    expect(amount.props.validationMessage).toBe('Only $1,079.50 is left to refund.');
    expect(card.maybeFindByTestId(Text, 'refund-confirm-0')).toBeNull();
    expect(backend.posted('refunds')).toEqual([]);

    card.typeAmount('1079.50');
    card.review('refund');
    expect(card.findByTestId(Text, 'refund-confirm-0').text).toBe('Refund $1,079.50 (USD) to the customer.');
  });

  test('refuses more than the per-refund limit, which it shows', async () => {
    const { card, backend } = await partialRefundForm(transactionDetails({ viewer: { maxRefundAmount: '500.00' } }));
    card.typeAmount('500.01');
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    expect(card.findByTestId(Input, 'refund-amount').props.validationMessage).toBe(
      'You may refund up to $500.00 here, and the refund policy names nobody who could approve more. Ask a HubSpot super admin.',
    );
    expect(backend.posted('refunds')).toEqual([]);
  });

  test.each([
    ['', 'Enter the amount to refund.'],
    ['0', 'Enter an amount above zero.'],
    ['12,50', 'Enter digits only, with a dot before the decimals (for example 12.50).'],
    ['-5', 'Enter digits only, with a dot before the decimals (for example 12.50).'],
    ['1e2', 'Enter digits only, with a dot before the decimals (for example 12.50).'],
    ['10.005', 'USD has 2 decimals at most.'],
  ])('refuses %p: %s', async (typed, message) => {
    const { card, backend } = await partialRefundForm();
    card.typeAmount(typed);
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    expect(card.findByTestId(Input, 'refund-amount').props.validationMessage).toBe(message);
    expect(backend.posted('refunds')).toEqual([]);
  });

  test('JPY takes whole yen only', async () => {
    const { card, backend } = await partialRefundForm(JPY_DEAL);
    expect(card.findByTestId(Input, 'refund-amount').props.description).toBe('Up to ¥120,000. You may refund up to ¥50,000 here. JPY has no decimals.');
    card.typeAmount('5000.5');
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    expect(card.findByTestId(Input, 'refund-amount').props.validationMessage).toBe('JPY has no decimals: enter a whole amount.');

    card.typeAmount('5000');
    card.review('refund');
    expect(card.findByTestId(Text, 'refund-confirm-0').text).toBe('Refund ¥5,000 (JPY) to the customer.');
    card.submit('refund');
    await card.waitFor(() => expect(backend.posted('refunds')).toHaveLength(1));
    expect(backend.posted('refunds')[0]).toMatchObject({ amount: '5000' });
  });

  test('a note is required when the reason is "other"', async () => {
    const { card, backend } = await partialRefundForm();
    card.typeAmount('10');
    card.chooseReason('refund', 'other');
    expect(card.findByTestId(TextArea, 'refund-note').props.required).toBe(true);
    card.typeNote('refund', '   ');
    card.review('refund');

    const note = card.findByTestId(TextArea, 'refund-note');
    expect(note.props.error).toBe(true);
    expect(note.props.validationMessage).toBe('Explain the refund: a note is required when the reason is "Other".');
    expect(card.maybeFindByTestId(Text, 'refund-confirm-0')).toBeNull();

    card.typeNote('refund', 'Goodwill gesture after the outage');
    card.review('refund');
    expect(card.findByTestId(Text, 'refund-confirm-2').text).toBe('Reason: Other. Note: Goodwill gesture after the outage');
    card.submit('refund');
    await card.waitFor(() => expect(backend.posted('refunds')).toHaveLength(1));
    expect(backend.posted('refunds')[0]).toMatchObject({ amount: '10.00', reason: 'other', note: 'Goodwill gesture after the outage' });
  });

  test('a reason is required', async () => {
    const { card } = await partialRefundForm();
    card.typeAmount('10');
    card.review('refund');
    expect(card.findByTestId(Select, 'refund-reason').props.validationMessage).toBe('Choose a reason.');
    expect(card.maybeFindByTestId(Text, 'refund-confirm-0')).toBeNull();
  });
});
