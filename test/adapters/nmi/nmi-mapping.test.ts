import {
  encodeForm,
  queryByOrderIdForm,
  queryByTransactionIdForm,
  readDirectPostAnswer,
  refundForm,
  splitRefid,
  voidForm,
} from '../../../src/adapters/providers/nmi/nmi-mapping';
import { classifyRefusal } from '../../../src/adapters/providers/nmi/nmi-outcomes';
import { nmiOriginOf } from '../../../src/adapters/providers/nmi/nmi-provider';
import { readQueryAnswer } from '../../../src/adapters/providers/nmi/nmi-query';
import { queryXml } from './nmi-nock';

/* The pure half of the adapter: form bytes, answer parsing, refusal classification. */

describe('NMI forms', () => {
  it('writes the refund fields in a fixed order', () => {
    const form = refundForm({ securityKey: 'k3y', transactionId: '7654321098', amount: '12.34', attemptId: 'a1b2-c3' });

    expect(encodeForm(form)).toBe('security_key=k3y&type=refund&transactionid=7654321098&amount=12.34&orderid=a1b2-c3&dup_seconds=0');
  });

  it('writes the void and query fields in a fixed order', () => {
    expect(encodeForm(voidForm({ securityKey: 'k3y', transactionId: '7654321098' }))).toBe('security_key=k3y&type=void&transactionid=7654321098');
    expect(encodeForm(queryByTransactionIdForm('k3y', '7654321098'))).toBe('security_key=k3y&transaction_id=7654321098');
    expect(encodeForm(queryByOrderIdForm('k3y', 'a1b2-c3'))).toBe('security_key=k3y&order_id=a1b2-c3');
  });

  it('form-encodes what needs it', () => {
    expect(encodeForm([['security_key', 'a+b&c=d e']])).toBe('security_key=a%2Bb%26c%3Dd+e');
  });
});

describe('readDirectPostAnswer', () => {
  it('reads NMI’s raw name=value answer, spaces unencoded', () => {
    const answer = readDirectPostAnswer(
      'response=3&responsetext=Refund amount may not exceed the transaction balance REFID:3503249728&authcode=&transactionid=&avsresponse=&cvvresponse=&orderid=&type=refund&response_code=300',
    );

    expect(answer).toEqual({
      response: '3',
      responsetext: 'Refund amount may not exceed the transaction balance REFID:3503249728',
      transactionid: '',
      orderid: '',
      type: 'refund',
      response_code: '300',
    });
  });

  it.each([
    ['a response outside 1, 2, 3', 'response=4&responsetext=x&transactionid=&response_code=100'],
    ['a response_code that is not three digits', 'response=1&responsetext=x&transactionid=1&response_code=OK'],
    ['XML', '<nm_response></nm_response>'],
    ['blank', '  '],
  ])('refuses %s', (_name, body) => {
    expect(readDirectPostAnswer(body)).toBeNull();
  });
});

describe('small helpers', () => {
  it('splits NMI’s REFID off the text', () => {
    expect(splitRefid('Duplicate transaction REFID:13132563')).toEqual({ text: 'Duplicate transaction', refid: '13132563' });
    expect(splitRefid('DECLINE')).toEqual({ text: 'DECLINE', refid: null });
  });

  it('takes NMI_API_BASE as a bare origin only', () => {
    expect(nmiOriginOf('https://secure.nmi.com')).toBe('https://secure.nmi.com');
    expect(nmiOriginOf('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(() => nmiOriginOf('https://secure.nmi.com/api/transact.php')).toThrow('NMI_API_BASE must be a bare http(s) origin');
    expect(() => nmiOriginOf('secure.nmi.com')).toThrow('NMI_API_BASE is not a URL');
  });

  it.each([
    ['refund', 'Refund amount may not exceed the transaction balance REFID:1', '300', 'over_balance'],
    ['refund', 'Refunds are not allowed until settlement REFID:2', '300', 'not_settled'],
    ['refund', 'Only transactions pending settlement can be voided REFID:3', '300', 'other'],
    ['void', 'Only transactions pending settlement can be voided REFID:3', '300', 'already_settled'],
    ['void', 'Transaction is not settled yet REFID:4', '300', 'other'],
    ['refund', 'Rate limit exceeded', '301', 'rate_limited'],
    ['refund', 'Transaction not found REFID:5', '300', 'unknown_transaction'],
  ] as const)('classifies a %s refused with "%s"', (kind, responsetext, responseCode, refusal) => {
    expect(classifyRefusal({ response: '3', responsetext, transactionid: '', response_code: responseCode }, kind)).toBe(refusal);
  });
});

describe('readQueryAnswer', () => {
  it('reads transactions with their actions, ignoring the fields it does not need', () => {
    const xml = queryXml([
      { id: '10834567890', orderId: 'a1b2', condition: 'pendingsettlement', actions: [{ type: 'refund', amount: '10.99', success: '1' }] },
      { id: '7654321098', condition: 'in_review', actions: [] },
    ]);

    expect(readQueryAnswer(xml)).toEqual({
      kind: 'transactions',
      transactions: [
        {
          transactionId: '10834567890',
          orderId: 'a1b2',
          condition: 'pendingsettlement',
          rawCondition: 'pendingsettlement',
          currency: 'USD',
          actions: [{ action_type: 'refund', success: '1', amount: '10.99', date: '20260302145501', response_text: 'SUCCESS', response_code: '100' }],
        },
        { transactionId: '7654321098', orderId: '', condition: null, rawCondition: 'in_review', currency: 'USD', actions: [] },
      ],
    });
  });

  it.each([
    ['another root', '<response><transaction></transaction></response>'],
    ['a transaction without an id', '<nm_response><transaction><condition>complete</condition></transaction></nm_response>'],
    ['an action without success', '<nm_response><transaction><transaction_id>1</transaction_id><condition>complete</condition><action><action_type>sale</action_type></action></transaction></nm_response>'],
    ['broken XML', '<nm_response><transaction>'],
  ])('refuses %s', (_name, xml) => {
    expect(readQueryAnswer(xml)).toBeNull();
  });
});
