import { checkAmount, decimalsOf, exceeds, fromMinorUnits, isZero, toMinorUnits } from '../../extensions/shared/decimal-amount';
import { newIdempotencyKey } from '../../extensions/refund-card/idempotency-key';
import { formatMoney } from '../../extensions/shared/money-format';

describe('formatMoney: the backend decimal spliced into the locale shape, never a JS number', () => {
  test.each([
    ['1200.00', 'USD', 'en-US'],
    ['120000', 'JPY', 'en-US'],
    ['5000', 'JPY', 'ja-JP'],
    ['15.750', 'KWD', 'en-US'],
    ['1234567.89', 'EUR', 'de-DE'],
    ['1234.50', 'EUR', 'fr-FR'],
    ['1234.00', 'EUR', 'es-ES'],
    ['12345.00', 'EUR', 'es-ES'],
    ['12345678.00', 'INR', 'en-IN'],
    ['1234.50', 'CHF', 'de-CH'],
    ['1234.50', 'USD', 'ar-EG'],
    ['0.50', 'USD', 'en-US'],
    ['0', 'JPY', 'en-US'],
  ])('%s %s in %s looks exactly like Intl.NumberFormat', (decimal, currency, locale) => {
    const decimals = decimalsOf(decimal);
    // Display-only reference: these amounts have at most 10 digits, far inside a double's exact range.
    const reference = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(Number(decimal));
    expect(formatMoney(decimal, currency, locale)).toBe(reference);
  });

  test('stays exact where a number would round', () => {
    expect(formatMoney('123456789012345678.99', 'USD', 'en-US')).toBe('$123,456,789,012,345,678.99');
  });

  test('an unknown currency or a malformed amount is shown plainly', () => {
    expect(formatMoney('12.00', 'XX', 'en-US')).toBe('12.00 XX');
    expect(formatMoney('12,00', 'USD', 'en-US')).toBe('12,00 USD');
  });
});

describe('amounts as integers of minor units (validation only)', () => {
  test('precision comes from the backend string', () => {
    expect([decimalsOf('12.34'), decimalsOf('5000'), decimalsOf('1.250')]).toEqual([2, 0, 3]);
    expect(toMinorUnits('1.250', 3)).toBe(1250n);
    expect(toMinorUnits('99999999999999999999.99', 2)).toBe(9999999999999999999999n);
    expect(toMinorUnits('1.255', 2)).toBeNull();
    expect(fromMinorUnits(5n, 2)).toBe('0.05');
    expect(fromMinorUnits(5000n, 0)).toBe('5000');
    expect(isZero('0.000')).toBe(true);
    expect(exceeds('500.01', '500.00')).toBe(true);
    expect(exceeds('500.00', '500.00')).toBe(false);
    expect(exceeds('500.00', null)).toBe(false);
  });

  test('checkAmount normalises what the rep typed and compares exactly', () => {
    expect(checkAmount(' 12.5 ', '1079.50', null)).toEqual({ ok: true, amount: '12.50' });
    expect(checkAmount('0.1', '0.30', null)).toEqual({ ok: true, amount: '0.10' });
    expect(checkAmount('0.30', '0.30', null)).toEqual({ ok: true, amount: '0.30' });
    expect(checkAmount('1.251', '15.750', null)).toEqual({ ok: true, amount: '1.251' });
    expect(checkAmount('15.7501', '15.750', null)).toEqual({ ok: false, problem: { kind: 'too_precise', decimals: 3 } });
    expect(checkAmount('1079.51', '1079.50', null)).toEqual({ ok: false, problem: { kind: 'over_refundable', refundable: '1079.50' } });
    expect(checkAmount('50001', '120000', '50000')).toEqual({ ok: false, problem: { kind: 'over_limit', limit: '50000' } });
    expect(checkAmount('0.00', '10.00', null)).toEqual({ ok: false, problem: { kind: 'not_positive' } });
  });
});

describe('idempotency keys', () => {
  test('are unique per form and fit the API pattern', () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  });

  test('fall back without Web Crypto', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      const [a, b] = [newIdempotencyKey(), newIdempotencyKey()];
      expect(a).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      expect(a).not.toBe(b);
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});
