import { nmiModule } from '../../../src/adapters/providers/nmi/nmi-module';
import { systemClock } from '../../../src/ports/clock';
import { NEVER_MS } from '../../support/provider-timing';
import { formatMinor } from '../../../src/domain/money';
import {
  directPost,
  NMI_API,
  PAYMENT_ID,
  queryByOrderBody,
  queryByTransactionBody,
  queryEndpoint,
  queryXml,
  refundBody,
  SECURITY_KEY,
  transactEndpoint,
  voidBody,
} from '../../adapters/nmi/nmi-nock';
import { type ContractDriver, type ExpectedCall, passing } from '../contract-driver';

/**
 * NMI's Payment API and Query API through nock: every interceptor matches the exact form bytes (fields in order) and
 * the form content type, and answers once, with HTTP 200 as NMI always does.
 */
const refundOf = (call: ExpectedCall) => refundBody(formatMinor(call.amount.minor, call.amount.currency), call.attemptId);

export const driver: ContractDriver = {
  name: 'nmi',
  payment: { transactionId: PAYMENT_ID, currency: 'USD', amount: '100.00', cardLast4: null },
  createProvider: () => nmiModule.create({ securityKey: SECURITY_KEY, apiBase: NMI_API, webhookSigningKey: null }, { clock: systemClock }),
  acceptRefund(call, refundId) {
    transactEndpoint(refundOf(call)).reply(
      200,
      directPost({ response: '1', responsetext: 'SUCCESS', transactionid: refundId, orderid: call.attemptId, type: 'refund', response_code: '100' }),
    );
  },
  refuseOverRefund(call) {
    transactEndpoint(refundOf(call)).reply(
      200,
      directPost({ response: '3', responsetext: 'Refund amount may not exceed the transaction balance REFID:3503249728', type: 'refund', response_code: '300' }),
    );
  },
  declineRefund(call) {
    transactEndpoint(refundOf(call)).reply(
      200,
      directPost({ response: '2', responsetext: 'DECLINE', transactionid: '10834560000', orderid: call.attemptId, type: 'refund', response_code: '200' }),
    );
  },
  neverAnswer(call, deadlinePasses) {
    transactEndpoint(refundOf(call))
      .delay(NEVER_MS)
      .reply(
        passing(deadlinePasses, [
          200,
          directPost({ response: '1', responsetext: 'SUCCESS', transactionid: '10834569999', orderid: call.attemptId, type: 'refund', response_code: '100' }),
        ]),
      );
  },
  lookupFinds(call, refundId) {
    const amount = formatMinor(call.amount.minor, call.amount.currency);
    queryEndpoint(queryByOrderBody(call.attemptId)).reply(
      200,
      queryXml([{ id: refundId, orderId: call.attemptId, condition: 'pendingsettlement', actions: [{ type: 'refund', amount, success: '1' }] }]),
    );
  },
  lookupFindsBeyondFirstPage: () => undefined,
  lookupCutOff(call) {
    const whole = queryXml([{ id: '10834569999', orderId: call.attemptId, condition: 'pendingsettlement', actions: [{ type: 'refund', amount: '10.00', success: '1' }] }]);
    queryEndpoint(queryByOrderBody(call.attemptId)).reply(200, whole.slice(0, whole.indexOf('</transaction>')));
  },
  reportLateFailure(call, refundId) {
    const amount = formatMinor(call.amount.minor, call.amount.currency);
    // voided in NMI before it settled: the money never went back
    queryEndpoint(queryByOrderBody(call.attemptId)).reply(200, queryXml([{ id: refundId, orderId: call.attemptId, condition: 'canceled', actions: [{ type: 'refund', amount, success: '1' }] }]));
    queryEndpoint(queryByTransactionBody(PAYMENT_ID)).reply(200, queryXml([{ id: PAYMENT_ID, condition: 'complete', actions: [{ type: 'sale', amount: '100.00', success: '1' }] }]));
  },
  skips: {
    'a refund made outside':
      "NMI links a refund to its payment nowhere (neither its Query API nor its webhooks name the payment): a refund made in NMI's Merchant Control Panel cannot be told to belong to this payment.",
    "refund beyond the first page of the provider's list":
      "the lookup asks NMI's Query API for order_id = the attempt id, which NMI answers with that attempt's transactions only: there is no list of the payment's refunds to page through.",
  },
  voids: {
    unsettled() {
      queryEndpoint(queryByTransactionBody(PAYMENT_ID)).reply(
        200,
        queryXml([{ id: PAYMENT_ID, orderId: 'HS-ORDER-1001', condition: 'pendingsettlement', actions: [{ type: 'sale', amount: '100.00', success: '1' }] }]),
      );
    },
    acceptVoid(_call, voidId) {
      transactEndpoint(voidBody(PAYMENT_ID)).reply(
        200,
        directPost({ response: '1', responsetext: 'Transaction Void Successful', transactionid: voidId, type: 'void', response_code: '100' }),
      );
    },
  },
};
