/**
 * ISO 4217 active currency codes and their minor-unit exponent.
 * Source: ISO 4217 list one (SIX Group), 2024 edition. Funds codes and
 * precious metals (XAU, XDR…) are left out: nobody refunds in them.
 */
const ZERO_DECIMAL = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF',
  'XOF', 'XPF',
] as const;

const THREE_DECIMAL = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'] as const;

const TWO_DECIMAL = [
  'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BMD',
  'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CNY', 'COP', 'CRC', 'CUP',
  'CVE', 'CZK', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP',
  'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IRR', 'JMD', 'KES', 'KGS', 'KHR',
  'KPW', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP',
  'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'PAB', 'PEN',
  'PGK', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP',
  'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD',
  'TZS', 'UAH', 'USD', 'UYU', 'UZS', 'VES', 'WST', 'XCD', 'YER', 'ZAR', 'ZMW', 'ZWG',
] as const;

export type CurrencyCode = (typeof ZERO_DECIMAL)[number] | (typeof THREE_DECIMAL)[number] | (typeof TWO_DECIMAL)[number];
export type Exponent = 0 | 2 | 3;

const EXPONENTS: ReadonlyMap<string, Exponent> = new Map<string, Exponent>([
  ...ZERO_DECIMAL.map((c) => [c, 0] as const),
  ...TWO_DECIMAL.map((c) => [c, 2] as const),
  ...THREE_DECIMAL.map((c) => [c, 3] as const),
]);

export function isCurrencyCode(code: string): code is CurrencyCode {
  return EXPONENTS.has(code);
}

/** Accepts any casing ("usd") and surrounding blanks, as CRMs and providers hand them over. */
export function toCurrencyCode(raw: string): CurrencyCode | null {
  const code = raw.trim().toUpperCase();
  return isCurrencyCode(code) ? code : null;
}

export function exponentOf(currency: CurrencyCode): Exponent {
  const exponent = EXPONENTS.get(currency);
  if (exponent === undefined) throw new Error(`unknown currency ${currency}`);
  return exponent;
}

/** Every currency with its decimals, by code: what a settings page offers for limits. */
export function currencyList(): { readonly code: CurrencyCode; readonly decimals: Exponent }[] {
  return [...EXPONENTS.entries()].map(([code, decimals]) => ({ code: code as CurrencyCode, decimals })).sort((a, b) => a.code.localeCompare(b.code));
}
