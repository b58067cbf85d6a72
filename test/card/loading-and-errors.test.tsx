import { Alert, Button, ErrorState, LoadingButton, LoadingSpinner, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { readCardConfig } from '../../extensions/refund-card/card-config';
import { renderCard, useCardClock } from './card-driver';
import { apiError, transactionDetails } from './card-fixtures';
import { deferred, type FakeAnswer, fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('loading, errors and retry', () => {
  test('shows a spinner while the payment loads', async () => {
    const answer = deferred<FakeAnswer>();
    fakeFetchBackend({ get: [answer.promise] });
    const card = renderCard();
    expect(card.findByTestId(LoadingSpinner, 'loading').props.label).toBe('Loading the payment…');

    answer.resolve({ status: 200, body: transactionDetails() });
    await card.ready();
    expect(card.maybeFindByTestId(LoadingSpinner, 'loading')).toBeNull();
  });

  test.each([
    [404, 'TRANSACTION_NOT_FOUND', 'No payment found for this record', 'This record has no payment, or its object type is not enabled.'],
    [422, 'TRANSACTION_NOT_REFUNDABLE', 'This payment cannot be refunded', 'The record has no payment_transaction_id.'],
    [503, 'CRM_UNAVAILABLE', 'HubSpot is not answering right now', 'HubSpot did not answer when the record had to be read. Try again in a minute.'],
    [401, 'INVALID_SIGNATURE', 'HubSpot could not confirm who you are', 'The acting HubSpot user is unknown.'],
  ])("a %i %s shows the backend's message and a retry", async (status, code, title, message) => {
    const backend = fakeFetchBackend({ get: [{ status, body: apiError(code, message) }, { status: 200, body: transactionDetails() }] });
    const card = renderCard();
    await card.waitFor(() => card.findByTestId(ErrorState, 'load-error'));
    expect(card.findByTestId(ErrorState, 'load-error').props.title).toBe(title);
    expect(card.findByTestId(Text, 'load-error-message').text).toBe(message);

    card.click('load-retry');
    await card.ready();
    expect(backend.gets()).toBe(2);
  });

  test('an answer that does not match the contract is an error state, not a crash', async () => {
    const malformed = { ...transactionDetails(), transaction: { ...transactionDetails().transaction, refundable: 1079.5 } };
    fakeFetchBackend({ get: [{ status: 200, body: malformed }] });
    const card = renderCard();
    await card.waitFor(() => card.findByTestId(ErrorState, 'load-error'));
    expect(card.findByTestId(ErrorState, 'load-error').props.title).toBe('Unexpected answer from the refund service');
    expect(card.findByTestId(Text, 'load-error-message').text).toContain('transaction.refundable');
  });

  test('no answer at all is an error state with a retry', async () => {
    fakeFetchBackend({ get: [new Error('Network error'), { status: 200, body: transactionDetails() }] });
    const card = renderCard();
    await card.waitFor(() => card.findByTestId(ErrorState, 'load-error'));
    expect(card.findByTestId(ErrorState, 'load-error').props.title).toBe('No answer from the refund service');
    card.click('load-retry');
    await card.ready();
  });

  test('a refund over what is left (someone refunded meanwhile) says how much is left and re-reads the payment', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails() }, { status: 200, body: transactionDetails({ transaction: { refunded: '1150.00', refundable: '50.00' } }) }],
      refunds: [{ status: 422, body: apiError('AMOUNT_EXCEEDS_REFUNDABLE', 'Only 50.00 USD is left to refund.', { refundable: '50.00' }) }],
    });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.choosePartial();
    card.typeAmount('100');
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');

    await card.waitFor(() => expect(card.findByTestId(Alert, 'refund-error').props.title).toBe('That is more than is left to refund'));
    expect(card.findByTestId(Text, 'refund-error-message').text).toBe('Only 50.00 USD is left to refund.');
    expect(card.findByTestId(Text, 'refund-error-hint').text).toBe('Still refundable: $50.00. Go back and change the amount.');
    expect(card.findByTestId(LoadingButton, 'refund-submit').text).toBe('Refund $100.00');
    await card.waitFor(() => expect(card.findByTestId(StatisticsItem, 'summary-refundable').props.number).toBe('$50.00'));
    expect(backend.gets()).toBe(2);

    card.click('refund-back');
    card.typeAmount('50');
    card.review('refund');
    expect(card.findByTestId(Text, 'refund-confirm-0').text).toBe('Refund $50.00 (USD) to the customer.');
  });

  test.each([
    ['PROVIDER_NOT_CONFIGURED', 503, 'This payment provider is not set up', 'Refunds through paypal are not set up on this backend yet. Ask your HubSpot admin.'],
    ['IDEMPOTENCY_KEY_REUSED', 409, 'This form already sent a different request', 'This key was already used for a different refund.'],
    ['INVALID_REQUEST', 400, 'The refund service refused the request', 'note: is required when the reason is "other"'],
  ])('a refund refused with %s shows the backend message', async (code, status, title, message) => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails() }], refunds: [{ status, body: apiError(code, message) }] });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'refund-error').props.title).toBe(title));
    expect(card.findByTestId(Text, 'refund-error-message').text).toBe(message);
  });

  test('a failed refresh keeps the figures on screen and offers a retry', async () => {
    fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails() }, { status: 503, body: apiError('CRM_UNAVAILABLE', 'HubSpot did not answer.') }, { status: 200, body: transactionDetails() }],
      refunds: [{ status: 422, body: apiError('AMOUNT_EXCEEDS_REFUNDABLE', 'Only 50.00 USD is left to refund.', { refundable: '50.00' }) }],
    });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.chooseReason('refund', 'duplicate');
    card.review('refund');
    card.submit('refund');
    await card.waitFor(() => card.findByTestId(Alert, 'refresh-error'));
    expect(card.findByTestId(StatisticsItem, 'summary-refundable').props.number).toBe('$1,079.50');
    card.click('refresh-retry');
    await card.waitFor(() => expect(card.maybeFindByTestId(Alert, 'refresh-error')).toBeNull());
  });

  test('an invalid card configuration says so instead of calling anything', () => {
    const fetchSpy = fakeFetchBackend({}).spy;
    const card = renderCard({ config: readCardConfig({ transport: 'fetch', backendUrl: 'not a url' }) });
    expect(card.findByTestId(ErrorState, 'config-error').props.title).toBe('The Refund card is not set up correctly');
    expect(card.maybeFindByTestId(Button, 'refund-open')).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
