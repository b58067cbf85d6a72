import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { money } from '../../../src/domain/money';
import { PAYMENT_ID, type QueryAction, type QueryTransaction, nmiProvider, queryByTransactionBody, queryEndpoint, queryXml, takeLeftovers } from './nmi-nock';

/*
 * The provider's own figure of what a payment took (design §3): the Query API by transaction_id, read once NMI reports
 * the transaction `complete` (settled). Interceptors answer only the exact form bytes; answers are shaped like NMI's
 * documented example (queryXml).
 */


const sale = (amount: string, success: '0' | '1' = '1'): QueryAction => ({ type: 'sale', amount, success });
const settle = (amount: string): QueryAction => ({ type: 'settle', amount, success: '1' });
const payment = (condition: string, actions: readonly QueryAction[], id = PAYMENT_ID): QueryTransaction => ({ id, condition, actions });
/** queryXml writes every transaction in USD; another currency, or none, replaces it. */
const inCurrency = (xml: string, currency: string | null) => xml.replace('<currency>USD</currency>', currency === null ? '' : `<currency>${currency}</currency>`);

const read = (options: { id?: string; signal?: AbortSignal } = {}) =>
  nmiProvider().paidAmount?.(options.id ?? PAYMENT_ID, options.signal ?? new AbortController().signal);

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('NMI paid amount: a settled payment', () => {
  it('reads the amount of a settled sale, with one query by transaction_id', async () => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, queryXml([payment('complete', [sale('100.00'), settle('100.00')])]));

    await expect(read()).resolves.toEqual(money(10000n, 'USD'));
    expect(scope.isDone()).toBe(true);
  });

  it('takes what was captured, not what was authorized, after a capture for less', async () => {
    const actions: QueryAction[] = [{ type: 'auth', amount: '100.00', success: '1' }, { type: 'capture', amount: '80.00', success: '1' }, settle('80.00')];
    queryEndpoint(queryByTransactionBody()).reply(200, queryXml([payment('complete', actions)]));

    await expect(read()).resolves.toEqual(money(8000n, 'USD'));
  });

  it('does not count a declined sale before the one that went through', async () => {
    queryEndpoint(queryByTransactionBody()).reply(200, queryXml([payment('complete', [sale('100.00', '0'), sale('90.00'), settle('90.00')])]));

    await expect(read()).resolves.toEqual(money(9000n, 'USD'));
  });
});

describe('NMI paid amount: not settled, or not one clear payment', () => {
  it.each([
    ['awaiting settlement', 'pendingsettlement', [sale('100.00')]],
    ['an authorization never captured', 'pending', [{ type: 'auth', amount: '100.00', success: '1' }]],
    ['voided', 'canceled', [sale('100.00'), { type: 'void', amount: '100.00', success: '1' }]],
    ['failed', 'failed', [sale('100.00', '0')]],
    ['a checkout never completed', 'abandoned', []],
    ['in a state NMI itself does not know', 'unknown', [sale('100.00')]],
    ['in a condition this app does not know', 'on_hold', [sale('100.00')]],
    ['settled but returned (an ACH return or a chargeback)', 'complete', [sale('100.00'), settle('100.00'), { type: 'return', amount: '100.00', success: '1' }]],
    ['settled with two captures', 'complete', [{ type: 'capture', amount: '40.00', success: '1' }, { type: 'capture', amount: '60.00', success: '1' }]],
    ['settled without a successful sale or capture (a credit)', 'complete', [{ type: 'credit', amount: '100.00', success: '1' }]],
  ] as const)('has no figure for a transaction %s', async (_name, condition, actions) => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, queryXml([payment(condition, actions)]));

    await expect(read()).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });
});

describe('NMI paid amount: amounts and currencies', () => {
  it.each([
    ['JPY, which NMI writes with two zero decimals', '5000.00', 'JPY', money(5000n, 'JPY')],
    ['KWD, three decimals in ISO, two at NMI', '12.34', 'KWD', money(12340n, 'KWD')],
    ['EUR', '19.99', 'EUR', money(1999n, 'EUR')],
  ])('converts %s', async (_name, amount, currency, expected) => {
    queryEndpoint(queryByTransactionBody()).reply(200, inCurrency(queryXml([payment('complete', [sale(amount), settle(amount)])]), currency));

    await expect(read()).resolves.toEqual(expected);
  });

  it.each([
    ['JPY with a fraction of a yen', '100.50', 'JPY'],
    ['a currency this app does not know', '100.00', 'XYZ'],
    ['no currency at all', '100.00', null],
    ['zero', '0.00', 'USD'],
    ['a negative amount', '-100.00', 'USD'],
    ['no amount', '', 'USD'],
  ])('has no figure for %s', async (_name, amount, currency) => {
    queryEndpoint(queryByTransactionBody()).reply(200, inCurrency(queryXml([payment('complete', [sale(amount)])]), currency));

    await expect(read()).resolves.toBeNull();
  });
});

describe('NMI paid amount: no usable answer', () => {
  it.each([
    ['NMI has no such transaction', '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n</nm_response>\n'],
    ['the answer is about another transaction', queryXml([payment('complete', [sale('100.00')], '7654321099')])],
    ['the answer holds the transaction twice', queryXml([payment('complete', [sale('100.00')]), payment('complete', [sale('90.00')])])],
    ['NMI refuses the query', '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n<error_response>Invalid Security Key REFID:3503249728</error_response>\n</nm_response>\n'],
    ['the answer is not XML', 'response=3&responsetext=Authentication Failed&response_code=300'],
    ['the XML is cut short', queryXml([payment('complete', [sale('100.00')])]).slice(0, 200)],
  ])('has no figure when %s', async (_name, body) => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, body);

    await expect(read()).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('has no figure when the connection breaks', async () => {
    queryEndpoint(queryByTransactionBody()).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(read()).resolves.toBeNull();
  });

  it("gives up at the engine's deadline", async () => {
    const deadline = new AbortController();
    const scope = queryEndpoint(queryByTransactionBody()).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, queryXml([payment('complete', [sale('100.00')])])]));

    await expect(read({ signal: deadline.signal })).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('gives up when the caller stops waiting', async () => {
    const controller = new AbortController();
    const scope = queryEndpoint(queryByTransactionBody())
      .delay(NEVER_MS)
      .reply(() => {
        controller.abort();
        return [200, queryXml([payment('complete', [sale('100.00')])])];
      });

    await expect(read({ signal: controller.signal })).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('asks nothing when the caller has already stopped waiting, or the id is not an NMI transaction id', async () => {
    const stopped = new AbortController();
    stopped.abort();

    await expect(read({ signal: stopped.signal })).resolves.toBeNull();
    await expect(read({ id: 'pi_7654321098' })).resolves.toBeNull();
  });
});
