import { formatMinor, parseMoney, parseRecordAmount } from '../../src/domain/money';

describe('parseMoney', () => {
  it.each([
    ['12.34', 'USD', 1234n],
    ['12.3', 'USD', 1230n],
    ['12', 'USD', 1200n],
    ['0.01', 'usd', 1n],
    ['12.30', 'USD', 1230n],
    ['1000', 'JPY', 1000n],
    ['1000.0', 'JPY', 1000n],
    ['1.234', 'KWD', 1234n],
    ['999999999999999', 'JPY', 999999999999999n],
    [' 5.00 ', 'EUR', 500n],
  ])('reads %s %s as %s minor units', (input, currency, minor) => {
    expect(parseMoney(input, currency)).toEqual({ ok: true, money: { minor, currency: currency.toUpperCase() } });
  });

  it.each([
    ['10.5', 'JPY', 'too_precise'],
    ['1.234', 'USD', 'too_precise'],
    ['1.2345', 'KWD', 'too_precise'],
    ['-1', 'USD', 'not_a_decimal'],
    ['0', 'USD', 'not_positive'],
    ['0.00', 'USD', 'not_positive'],
    ['1e3', 'USD', 'not_a_decimal'],
    ['', 'USD', 'empty'],
    ['   ', 'USD', 'empty'],
    ['1,000', 'USD', 'not_a_decimal'],
    ['.5', 'USD', 'not_a_decimal'],
    ['5.', 'USD', 'not_a_decimal'],
    ['Infinity', 'USD', 'not_a_decimal'],
    ['0x10', 'USD', 'not_a_decimal'],
    ['1234567890123456', 'USD', 'too_many_digits'],
    ['12345678901234.56', 'USD', 'too_many_digits'],
    ['12', 'XYZ', 'unknown_currency'],
  ])('rejects %p in %s (%s)', (input, currency, kind) => {
    const result = parseMoney(input, currency);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe(kind);
  });
});

describe('formatMinor', () => {
  it.each([
    [1234n, 'USD', '12.34'],
    [5n, 'USD', '0.05'],
    [0n, 'USD', '0.00'],
    [1000n, 'JPY', '1000'],
    [1234n, 'KWD', '1.234'],
    [-150n, 'EUR', '-1.50'],
    [999999999999999999n, 'USD', '9999999999999999.99'],
  ] as const)('writes %s %s as %s', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });
});

describe('parseRecordAmount', () => {
  it.each([
    ['1500.00', 'USD', 150000n],
    ['1.5E3', 'USD', 150000n],
    ['0', 'USD', 0n],
    ['12000', 'JPY', 12000n],
  ] as const)('reads the CRM value %s %s', (raw, currency, minor) => {
    expect(parseRecordAmount(raw, currency)).toEqual({ ok: true, money: { minor, currency } });
  });

  it.each(['abc', '-5', '10.001', 'NaN'])('rejects %p', (raw) => {
    expect(parseRecordAmount(raw, 'USD').ok).toBe(false);
  });
});
