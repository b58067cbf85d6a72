import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { money } from '../../../src/domain/money';
import { AUTH, HEADERS, OK, PAYMENT_ID, anetJson, apiError, call, detailsBody, details, endpoint, provider, sent, takeLeftovers } from './authorize-net-nock';

/*
 * The provider's own figure of what a payment took (design §3): getTransactionDetails' settleAmount once the payment
 * has settled, in the merchant account's currency (getMerchantDetails, asked once per provider). Requests are compared
 * byte for byte; answers follow the schema's element order.
 */

const SETTLED_AT = '2026-03-03T09:00:00Z';

const merchantBody = `{"getMerchantDetailsRequest":{${AUTH}}}`;

/**
 * getMerchantDetailsResponse in the element order of the current schema (AnetApiSchema.xsd of AuthorizeNet/sdk-php):
 * messages, isTestMode, processors (name, id), merchantName, gatewayId, marketTypes, productCodes, paymentMethods,
 * currencies, publicClientKey; ArrayOf… lists as JSON arrays.
 */
function merchantDetails(currencies: readonly (string | null)[]): Record<string, unknown> {
  return {
    messages: OK,
    isTestMode: false,
    processors: [{ name: 'First Data Nashville', id: 2 }],
    merchantName: 'Refund Card Test Merchant',
    gatewayId: '565697',
    marketTypes: ['eCommerce'],
    productCodes: ['CNP'],
    paymentMethods: ['Visa', 'MasterCard', 'AmericanExpress'],
    currencies,
    publicClientKey: '9aptdYwtHt2F22XLRgr4B9AM4Pkt5eb6b6MC9d2Nn3m3YEptx3RFFuXmpYWDLHev',
  };
}

/** A payment's details with its own authAmount and settleAmount (strings here, JSON numbers on the wire). */
function paymentDetails(status: string, amounts: { auth: string; settle: string } = { auth: '1018.88', settle: '1018.88' }, transId = PAYMENT_ID) {
  const answer = details({ transId, transactionStatus: status, ...(status === 'settledSuccessfully' ? { settlementTimeUTC: SETTLED_AT } : {}) });
  const transaction = answer.transaction as Record<string, unknown>;
  return { ...answer, transaction: { ...transaction, authAmount: amounts.auth, settleAmount: amounts.settle } };
}

const read = (options: { id?: string; signal?: AbortSignal } = {}, adapter = provider()) =>
  adapter.paidAmount?.(options.id ?? PAYMENT_ID, options.signal ?? new AbortController().signal);

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('Authorize.net paid amount: a settled payment', () => {
  it('reads settleAmount of a settled payment, in the one currency of the merchant account', async () => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully')), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['USD'])), HEADERS);

    await expect(read()).resolves.toEqual(money(101888n, 'USD'));
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID)), call(merchantBody)]);
  });

  it('takes what settled, not what was authorized, after a capture for less', async () => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully', { auth: '100.00', settle: '80.00' })), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['USD'])), HEADERS);

    await expect(read()).resolves.toEqual(money(8000n, 'USD'));
  });

  it('asks for the merchant account\'s currency once, then keeps it', async () => {
    const adapter = provider();
    const other = '60123456790';
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully')), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['CAD'])), HEADERS);
    endpoint(detailsBody(other)).reply(200, anetJson(paymentDetails('settledSuccessfully', { auth: '12.50', settle: '12.50' }, other)), HEADERS);

    await expect(read({}, adapter)).resolves.toEqual(money(101888n, 'CAD'));
    await expect(read({ id: other }, adapter)).resolves.toEqual(money(1250n, 'CAD'));
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID)), call(merchantBody), call(detailsBody(other))]);
  });
});

describe('Authorize.net paid amount: not settled, or not a payment', () => {
  it('has no figure before settlement, even with an amount captured: it is asked again later', async () => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('capturedPendingSettlement', { auth: '100.00', settle: '80.00' })), HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });

  it.each([
    'authorizedPendingCapture', 'pendingSettlement', 'pendingFinalSettlement', 'updatingSettlement', 'FDSPendingReview',
    'FDSAuthorizedPendingReview', 'underReview', 'voided', 'declined', 'expired', 'refundSettledSuccessfully',
    'refundPendingSettlement', 'returnedItem', 'chargeback', 'settlementError', 'aStatusFromTheFuture',
  ])('has no figure for a transaction that is %s', async (status) => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails(status)), HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });
});

describe('Authorize.net paid amount: amounts and currencies', () => {
  it.each([
    ['an amount without cents (JSON 25.00, which JavaScript reads as 25)', '25.00', money(2500n, 'USD')],
    ['ten cents (JSON 0.10, read as 0.1)', '0.10', money(10n, 'USD')],
    ['an amount of 15 digits', '1234567890123.45', money(123456789012345n, 'USD')],
  ])('reads %s exactly', async (_name, settle, expected) => {
    expect(anetJson({ settleAmount: settle }, false)).toBe(`{"settleAmount":${settle}}`);
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully', { auth: settle, settle })), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['USD'])), HEADERS);

    await expect(read()).resolves.toEqual(expected);
  });

  it.each([
    ['zero', '0.00'],
    ['a fraction of a cent (the schema allows 4 decimals)', '10.1234'],
  ])('has no figure for a settleAmount of %s', async (_name, settle) => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully', { auth: settle, settle })), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['USD'])), HEADERS);

    await expect(read()).resolves.toBeNull();
  });

  it('has no figure without a settleAmount', async () => {
    const answer = paymentDetails('settledSuccessfully');
    const { settleAmount: _gone, ...transaction } = answer.transaction;
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson({ ...answer, transaction }), HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });

  it.each([
    ['several currencies', ['USD', 'CAD']],
    ['no currency', []],
    ['only a nil currency', [null]],
    ['a currency this app does not know', ['XYZ']],
  ])('has no figure when the merchant account lists %s, and asks again next time', async (_name, currencies) => {
    const adapter = provider();
    endpoint(detailsBody(PAYMENT_ID)).times(2).reply(200, anetJson(paymentDetails('settledSuccessfully')), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(currencies)), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(merchantDetails(['USD'])), HEADERS);

    await expect(read({}, adapter)).resolves.toBeNull();
    await expect(read({}, adapter)).resolves.toEqual(money(101888n, 'USD'));
  });

  it('has no figure when Authorize.net refuses to show the merchant details', async () => {
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(paymentDetails('settledSuccessfully')), HEADERS);
    endpoint(merchantBody).reply(200, anetJson(apiError('E00007', 'User authentication failed due to invalid authentication values.')), HEADERS);

    await expect(read()).resolves.toBeNull();
  });
});

describe('Authorize.net paid amount: no usable answer', () => {
  it.each([
    ['the Transaction Details API is off', 200, anetJson(apiError('E00011', 'Access denied. You do not have permissions to call the Transaction Details API.'))],
    ['the transaction is not found', 200, anetJson(apiError('E00040', 'The record cannot be found.'))],
    ['another transaction than the one asked for', 200, anetJson(paymentDetails('settledSuccessfully', undefined, '60123456790'))],
    ['a server error', 503, 'Service Unavailable'],
    ['a body that is not JSON', 200, '<html>proxy error</html>'],
  ])('has no figure when %s', async (_name, status, body) => {
    endpoint(detailsBody(PAYMENT_ID)).reply(status, body, HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });

  it('has no figure when the connection breaks', async () => {
    endpoint(detailsBody(PAYMENT_ID)).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(read()).resolves.toBeNull();
  });

  it("gives up at the engine's deadline", async () => {
    const deadline = new AbortController();
    endpoint(detailsBody(PAYMENT_ID)).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, anetJson(paymentDetails('settledSuccessfully')), HEADERS]));

    await expect(read({ signal: deadline.signal })).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });

  it('gives up when the caller stops waiting', async () => {
    const controller = new AbortController();
    endpoint(detailsBody(PAYMENT_ID))
      .delay(NEVER_MS)
      .reply(() => {
        controller.abort();
        return [200, anetJson(paymentDetails('settledSuccessfully')), HEADERS];
      });

    await expect(read({ signal: controller.signal })).resolves.toBeNull();
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
  });

  it('asks nothing when the caller has already stopped waiting, or the id is not a transaction id', async () => {
    const stopped = new AbortController();
    stopped.abort();

    await expect(read({ signal: stopped.signal })).resolves.toBeNull();
    await expect(read({ id: 'ch_60123456789' })).resolves.toBeNull();
    expect(sent).toEqual([]);
  });
});
