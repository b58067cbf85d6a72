import { Alert, LoadingButton, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { renderCard, useCardClock } from './card-driver';
import { apiError, attemptResult, transactionDetails } from './card-fixtures';
import { deferred, type FakeAnswer, fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

async function confirmedFullRefund(refunds: Parameters<typeof fakeFetchBackend>[0]['refunds']) {
  const backend = fakeFetchBackend({ get: [{ status: 200, body: transactionDetails() }], refunds });
  const card = renderCard();
  await card.ready();
  card.openRefund();
  card.chooseReason('refund', 'duplicate');
  card.review('refund');
  return { card, backend };
}

describe('one idempotency key per form', () => {
  test('a double click sends one request; the button is disabled and shows progress meanwhile', async () => {
    const answer = deferred<FakeAnswer>();
    const { card, backend } = await confirmedFullRefund([answer.promise]);

    card.submit('refund');
    card.submit('refund');
    expect(backend.posted('refunds')).toHaveLength(1);
    const button = card.findByTestId(LoadingButton, 'refund-submit');
    expect(button.props).toMatchObject({ loading: true, disabled: true });
    expect(card.findByTestId(LoadingSpinner, 'refund-progress').props.label).toBe('Sending the refund…');

    answer.resolve({ status: 201, body: attemptResult() });
    await card.waitFor(() => card.findByTestId(Alert, 'outcome'));
    expect(backend.posted('refunds')).toHaveLength(1);
  });

  test('a retry after no answer sends the same key and the same body', async () => {
    const { card, backend } = await confirmedFullRefund([new Error('socket hang up'), { status: 200, body: attemptResult() }]);

    card.submit('refund');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'refund-error').props.title).toBe('No answer from the refund service'));
    expect(card.findByTestId(Text, 'refund-error-message').text).toBe('The refund service could not be reached (socket hang up).');
    expect(card.findByTestId(LoadingButton, 'refund-submit').text).toBe('Try again');

    card.submit('refund');
    await card.waitFor(() => card.findByTestId(Alert, 'outcome'));
    const [first, second] = backend.posted('refunds');
    expect(second).toEqual(first);
  });

  test('a retry after a server error reuses the key too', async () => {
    const { card, backend } = await confirmedFullRefund([
      { status: 500, body: apiError('INTERNAL', 'Something went wrong on our side. Try again in a minute: sending the same form again never refunds twice.') },
      { status: 201, body: attemptResult() },
    ]);
    card.submit('refund');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'refund-error').props.title).toBe('Something went wrong on our side'));
    card.submit('refund');
    await card.waitFor(() => card.findByTestId(Alert, 'outcome'));
    const keys = backend.posted('refunds').map((body) => body.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  test('a new form (after the modal closed) gets a new key', async () => {
    const { card, backend } = await confirmedFullRefund([{ status: 201, body: attemptResult() }]);
    card.submit('refund');
    await card.waitFor(() => card.findByTestId(Alert, 'outcome'));

    card.closeModal('refund-modal');
    card.openRefund();
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');
    await card.waitFor(() => expect(backend.posted('refunds')).toHaveLength(2));
    const [first, second] = backend.posted('refunds');
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  test('cancelling and reopening starts a new, empty form', async () => {
    const { card, backend } = await confirmedFullRefund([{ status: 201, body: attemptResult() }]);
    card.click('refund-back');
    card.click('refund-cancel');
    expect(card.mocks.actions.closeOverlay.callCount).toBe(1);
    card.openRefund();
    expect(card.maybeFindByTestId(Text, 'refund-confirm-0')).toBeNull();
    expect(backend.posted('refunds')).toEqual([]);
  });
});
