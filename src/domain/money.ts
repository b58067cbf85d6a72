import Decimal from 'decimal.js';
import { assertNever } from './assert-never';
import { type CurrencyCode, exponentOf, toCurrencyCode } from './currency';

/** An amount in integer minor units of its currency. Never a JavaScript number. */
export interface Money {
  readonly minor: bigint;
  readonly currency: CurrencyCode;
}

export type MoneyParseError =
  | { kind: 'empty' }
  | { kind: 'not_a_decimal' }
  | { kind: 'too_many_digits'; maxDigits: number }
  | { kind: 'too_precise'; decimals: number }
  | { kind: 'not_positive' }
  | { kind: 'unknown_currency' };

export const MAX_DIGITS = 15;
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export type ParseResult = { ok: true; money: Money } | { ok: false; error: MoneyParseError };

/**
 * Parses a decimal string such as "12.34" in the given currency. Rejects what the currency cannot
 * hold ("10.5" JPY, "1.234" USD), negatives, zero, exponents ("1e3"), blanks and more than 15 digits.
 * `allowZero` is for amounts read from records (a deal of 0), never for refund requests.
 */
export function parseMoney(input: string, currencyRaw: string, options: { allowZero?: boolean } = {}): ParseResult {
  const currency = toCurrencyCode(currencyRaw);
  if (!currency) return { ok: false, error: { kind: 'unknown_currency' } };
  const parts = decimalParts(input);
  if ('kind' in parts) return { ok: false, error: parts };
  const { whole, fraction } = parts;
  const exponent = exponentOf(currency);
  if (fraction.length > exponent) return { ok: false, error: { kind: 'too_precise', decimals: exponent } };
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (minor < 0n || (minor === 0n && !options.allowZero)) return { ok: false, error: { kind: 'not_positive' } };
  return { ok: true, money: { minor, currency } };
}

/**
 * What can be said of a requested amount before its currency is known (a bulk file is checked before any record
 * is read): a plain decimal of at most 15 digits, above zero. `parseMoney` then checks the currency's decimals.
 */
export function amountShapeError(input: string): MoneyParseError | null {
  const parts = decimalParts(input);
  if ('kind' in parts) return parts;
  return /[1-9]/.test(parts.whole + parts.fraction) ? null : { kind: 'not_positive' };
}

function decimalParts(input: string): { readonly whole: string; readonly fraction: string } | MoneyParseError {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return { kind: 'not_a_decimal' };
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const significant = (whole.replace(/^0+/, '') + fraction).length;
  if (significant > MAX_DIGITS || whole.length + (match[2] ?? '').length > MAX_DIGITS + 4) return { kind: 'too_many_digits', maxDigits: MAX_DIGITS };
  return { whole, fraction };
}

/** Formats minor units as the decimal string used at every boundary: always the currency's decimals. */
export function formatMoney(money: Money): string {
  return formatMinor(money.minor, money.currency);
}

export function formatMinor(minor: bigint, currency: CurrencyCode): string {
  const exponent = exponentOf(currency);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  return exponent === 0 ? sign + whole : `${sign}${whole}.${digits.slice(digits.length - exponent)}`;
}

/** Plain notation for every magnitude we handle, so that no amount is ever printed as "1e+21". */
const PlainDecimal = Decimal.clone({ precision: 40, toExpNeg: -40, toExpPos: 40 });

/**
 * Reads an amount stored on a CRM record. HubSpot number properties come back as strings that may
 * carry trailing zeros or exponent notation ("1500.00", "1.5E3"); they must still fit the currency.
 */
export function parseRecordAmount(raw: string, currency: CurrencyCode): ParseResult {
  let value: Decimal;
  try {
    value = new PlainDecimal(raw.trim());
  } catch {
    return { ok: false, error: { kind: 'not_a_decimal' } };
  }
  if (!value.isFinite()) return { ok: false, error: { kind: 'not_a_decimal' } };
  if (value.isNegative()) return { ok: false, error: { kind: 'not_positive' } };
  return parseMoney(value.toString(), currency, { allowZero: true });
}

export function money(minor: bigint, currency: CurrencyCode): Money {
  return { minor, currency };
}

export function describeMoneyError(error: MoneyParseError, currency: string): string {
  switch (error.kind) {
    case 'empty':
      return 'Enter an amount.';
    case 'not_a_decimal':
      return 'Write the amount as digits with an optional decimal point, like "12.34".';
    case 'too_many_digits':
      return `The amount has more than ${error.maxDigits} digits.`;
    case 'too_precise':
      return error.decimals === 0
        ? `${currency} has no decimals: enter a whole amount.`
        : `${currency} allows at most ${error.decimals} decimals.`;
    case 'not_positive':
      return 'The amount must be greater than zero.';
    case 'unknown_currency':
      return `"${currency}" is not an ISO 4217 currency code.`;
    default:
      return assertNever(error);
  }
}
