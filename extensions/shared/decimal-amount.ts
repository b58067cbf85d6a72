/**
 * Amounts arrive as decimal strings written with the currency's exponent ("12.34" USD, "5000" JPY, "1.250"
 * KWD). The card never does money math: it only validates what the rep types, by comparing integers of minor
 * units held in BigInt. A JavaScript number never holds an amount.
 */
const BACKEND_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** The currency's precision, read from a string the backend formatted with the currency's exponent. */
export function decimalsOf(decimal: string): number {
  return BACKEND_DECIMAL.exec(decimal)?.[2]?.length ?? 0;
}

/** Exact minor units of a backend decimal in the given precision, or null if it does not fit. */
export function toMinorUnits(decimal: string, decimals: number): bigint | null {
  const match = BACKEND_DECIMAL.exec(decimal.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals) return null;
  return BigInt((match[1] ?? '0') + fraction.padEnd(decimals, '0').slice(0, decimals));
}

/** The decimal string the API expects, always with `decimals` digits after the point. */
export function fromMinorUnits(minor: bigint, decimals: number): string {
  const digits = minor.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

export function isZero(decimal: string): boolean {
  return toMinorUnits(decimal, decimalsOf(decimal)) === 0n;
}

export type AmountProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'not_a_number' }
  | { readonly kind: 'too_precise'; readonly decimals: number }
  | { readonly kind: 'not_positive' }
  | { readonly kind: 'over_refundable'; readonly refundable: string }
  | { readonly kind: 'over_limit'; readonly limit: string };

export type AmountCheck = { readonly ok: true; readonly amount: string } | { readonly ok: false; readonly problem: AmountProblem };

const TYPED_DECIMAL = /^(\d+)(?:\.(\d*))?$/;

export type TypedAmountProblem = Extract<AmountProblem, { kind: 'empty' | 'not_a_number' | 'too_precise' | 'not_positive' }>;

/** What someone typed, as exact minor units of a currency with `decimals` digits after the point. */
export function typedMinorUnits(input: string, decimals: number): { readonly ok: true; readonly minor: bigint } | { readonly ok: false; readonly problem: TypedAmountProblem } {
  const text = input.trim();
  if (text === '') return { ok: false, problem: { kind: 'empty' } };
  const match = TYPED_DECIMAL.exec(text);
  if (!match) return { ok: false, problem: { kind: 'not_a_number' } };
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return { ok: false, problem: { kind: 'too_precise', decimals } };
  const minor = BigInt((match[1] ?? '0') + fraction.padEnd(decimals, '0'));
  if (minor <= 0n) return { ok: false, problem: { kind: 'not_positive' } };
  return { ok: true, minor };
}

/**
 * Checks what the rep typed against what is left and their per-refund limit, in the currency's precision
 * (taken from `refundable`). Returns the amount as the API expects it ("12.5" USD → "12.50").
 */
export function checkAmount(input: string, refundable: string, limit: string | null): AmountCheck {
  const decimals = decimalsOf(refundable);
  const typed = typedMinorUnits(input, decimals);
  if (!typed.ok) return typed;
  const { minor } = typed;
  const refundableMinor = toMinorUnits(refundable, decimals);
  if (refundableMinor !== null && minor > refundableMinor) return { ok: false, problem: { kind: 'over_refundable', refundable } };
  const limitMinor = limit === null ? null : toMinorUnits(limit, decimals);
  if (limit !== null && limitMinor !== null && minor > limitMinor) return { ok: false, problem: { kind: 'over_limit', limit } };
  return { ok: true, amount: fromMinorUnits(minor, decimals) };
}

/** Whether `amount` is more than `limit` (both backend decimals in the same currency). */
export function exceeds(amount: string, limit: string | null): boolean {
  if (limit === null) return false;
  const decimals = Math.max(decimalsOf(amount), decimalsOf(limit));
  const amountMinor = toMinorUnits(amount, decimals);
  const limitMinor = toMinorUnits(limit, decimals);
  return amountMinor !== null && limitMinor !== null && amountMinor > limitMinor;
}
