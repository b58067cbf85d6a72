import nock from 'nock';
import {
  HEADERS,
  PAYMENT_ID,
  TOKEN,
  TRANSACTION_KEY,
  anetJson,
  apiError,
  call,
  details,
  detailsBody,
  endpoint,
  provider,
  refundBody,
  refundRequest,
  refused,
  sent,
  takeLeftovers,
} from './authorize-net-nock';

/* Authorize.net's refusals of a refund: failed, nothing refunded (error 11 aside: the first submission may have gone through). */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const theRefund = call(refundBody());

describe('Authorize.net refund: refusals (failed, nothing refunded)', () => {
  const answerDetail = (errorCode: string, errorText: string, responseCode = '3', transId?: string) => ({
    result_code: 'Error',
    message_code: 'E00027',
    message_text: 'The transaction was unsuccessful.',
    response_code: responseCode,
    error_code: errorCode,
    error_text: errorText,
    ...(transId ? { trans_id: transId } : {}),
    ref_id: TOKEN,
  });

  it('records a decline with the declined transaction', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson(refused('2', '2', 'This transaction has been declined.', '60123499004')), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: '60123499004',
      failure: {
        code: 'card_declined',
        message: "The customer's bank declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.",
        detail: answerDetail('2', 'This transaction has been declined.', '2', '60123499004'),
      },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [
      '55',
      'The sum of credits against the referenced transaction would exceed the original debit amount.',
      'amount_exceeds_refundable',
      'Authorize.net refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in Authorize.net; check the payment there and refund a smaller amount.',
    ],
    [
      '16',
      'The transaction cannot be found.',
      'payment_not_found',
      'Authorize.net cannot find this transaction, so nothing was refunded. Check the transaction id on the record, and that the app uses the Authorize.net account (live or sandbox) that took the payment.',
    ],
    [
      '6',
      'The credit card number is invalid.',
      'card_number_rejected',
      "Authorize.net did not accept the card's last four digits for this payment, so nothing was refunded. Check that the record's card digits match the card on the transaction in the Authorize.net Merchant Interface.",
    ],
    [
      '39',
      "The supplied currency code is either invalid, not supported, not allowed for this merchant or doesn't have an exchange rate.",
      'currency_not_accepted',
      "Authorize.net refused the refund's currency for this account, so nothing was refunded. Check that the record's currency is the one the payment was taken in.",
    ],
    [
      '57',
      'An error occurred in processing. Please try again in 5 minutes.',
      'provider_error',
      "Authorize.net could not process the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
    ],
  ])('maps error %s', async (errorCode, errorText, code, message) => {
    const scope = endpoint(refundBody()).reply(200, anetJson(refused('3', errorCode, errorText)), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: { code, message, detail: answerDetail(errorCode, errorText) },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('reports a rejected login without ever showing the transaction key, even when echoed', async () => {
    const echoed = `User authentication failed due to invalid authentication values. (${TRANSACTION_KEY})`;
    const scope = endpoint(refundBody()).reply(200, anetJson(apiError('E00007', echoed, TOKEN)), HEADERS);

    const outcome = await provider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'provider_authentication_failed',
        message:
          "Authorize.net rejected this app's API Login ID or Transaction Key, so nothing was refunded. Ask a HubSpot admin to check the Authorize.net credentials (live and sandbox keys differ).",
        detail: {
          result_code: 'Error',
          message_code: 'E00007',
          message_text: 'User authentication failed due to invalid authentication values. ([redacted])',
          ref_id: TOKEN,
        },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain(TRANSACTION_KEY);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps any other refusal of the request as a whole for the operator, not the rep', async () => {
    const text = "The element 'transactionRequest' in namespace 'AnetApi/xml/v1/schema/AnetApiSchema.xsd' has invalid child element 'order'.";
    const scope = endpoint(refundBody()).reply(200, anetJson(apiError('E00003', text, TOKEN)), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'provider_refused',
        message: "Authorize.net refused the request, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
        detail: { result_code: 'Error', message_code: 'E00003', message_text: text, ref_id: TOKEN },
      },
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('Authorize.net refund: error 54, explained from the payment', () => {
  const error54 = refused('3', '54', 'The referenced transaction does not meet the criteria for issuing a credit.');
  const detail54 = {
    result_code: 'Error',
    message_code: 'E00027',
    message_text: 'The transaction was unsuccessful.',
    response_code: '3',
    error_code: '54',
    error_text: 'The referenced transaction does not meet the criteria for issuing a credit.',
    ref_id: TOKEN,
  };

  it.each(['capturedPendingSettlement', 'authorizedPendingCapture'])('offers void or waiting when the payment is %s', async (status) => {
    const refund = endpoint(refundBody()).reply(200, anetJson(error54), HEADERS);
    const lookedAt = endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: status })), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'payment_not_settled',
        message:
          'Authorize.net has not settled this payment yet, so it cannot be refunded and nothing was refunded. Either void the whole transaction now, or refund after settlement (usually within 24 hours).',
        detail: { ...detail54, transaction_status: status },
      },
    });
    expect(sent).toEqual([theRefund, call(detailsBody(PAYMENT_ID))]);
    expect(refund.isDone() && lookedAt.isDone()).toBe(true);
  });

  it('explains the 120-day limit when the payment settled longer ago', async () => {
    const settledAt = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000).toISOString();
    const refund = endpoint(refundBody()).reply(200, anetJson(error54), HEADERS);
    const lookedAt = endpoint(detailsBody(PAYMENT_ID)).reply(
      200,
      anetJson(details({ transactionStatus: 'settledSuccessfully', settlementTimeUTC: settledAt })),
      HEADERS,
    );

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'refund_window_passed',
        message: `Authorize.net only refunds payments within 120 days of settlement, and this one settled on ${settledAt.slice(0, 10)}; nothing was refunded. Refund the customer another way (for example by cheque or bank transfer) and note it on the record.`,
        detail: { ...detail54, transaction_status: 'settledSuccessfully', settled_at: settledAt },
      },
    });
    expect(refund.isDone() && lookedAt.isDone()).toBe(true);
  });

  const bothWays =
    'Authorize.net refused: it only refunds card payments that have settled, within 120 days of settlement, so nothing was refunded. If the payment has not settled yet: void the whole transaction now, or refund after settlement (usually within 24 hours). If it settled more than 120 days ago: refund the customer another way (for example by cheque or bank transfer) and note it on the record.';

  it('gives both ways forward when the payment cannot be looked at', async () => {
    const refund = endpoint(refundBody()).reply(200, anetJson(error54), HEADERS);
    const lookedAt = endpoint(detailsBody(PAYMENT_ID)).reply(
      200,
      anetJson(apiError('E00011', 'Access denied. You do not have permissions to call the Transaction Details API.')),
      HEADERS,
    );

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: { code: 'payment_not_refundable', message: bothWays, detail: detail54 },
    });
    expect(refund.isDone() && lookedAt.isDone()).toBe(true);
  });

  it('gives both ways forward when the payment settled recently (another criterion failed)', async () => {
    const settledAt = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString();
    const refund = endpoint(refundBody()).reply(200, anetJson(error54), HEADERS);
    const lookedAt = endpoint(detailsBody(PAYMENT_ID)).reply(
      200,
      anetJson(details({ transactionStatus: 'settledSuccessfully', settlementTimeUTC: settledAt })),
      HEADERS,
    );

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: { code: 'payment_not_refundable', message: bothWays, detail: { ...detail54, transaction_status: 'settledSuccessfully' } },
    });
    expect(refund.isDone() && lookedAt.isDone()).toBe(true);
  });
});

describe('Authorize.net refund: a duplicate (error 11) is not a failure', () => {
  it('leaves the attempt unknown, to be looked up, since the first submission may have gone through', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson(refused('3', '11', 'A duplicate transaction has been submitted.', '60123499005')), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_duplicate',
        message:
          'Authorize.net already received this refund from an earlier submission and did not process it again; the refund may or may not have gone through. It will be checked before anyone retries.',
        detail: {
          result_code: 'Error',
          message_code: 'E00027',
          message_text: 'The transaction was unsuccessful.',
          response_code: '3',
          error_code: '11',
          error_text: 'A duplicate transaction has been submitted.',
          trans_id: '60123499005',
          ref_id: TOKEN,
        },
      },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });
});
