/**
 * Formats a decimal string from the backend ("1234.50") as money for the rep's locale ("$1,234.50",
 * "1.234,50 €", "¥120,000") without turning it into a JavaScript number: Intl.NumberFormat describes the
 * locale's shape (symbol, its position, separators, grouping, digits) from fixed probe values, and the
 * backend's digits are spliced into that shape. Any amount is exact, however many digits it has.
 */
interface MoneyShape {
  readonly parts: readonly Intl.NumberFormatPart[];
  readonly group: string;
  readonly primaryGroup: number;
  readonly secondaryGroup: number;
  readonly minimumGroupingDigits: number;
  readonly digits: readonly string[];
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const shapes = new Map<string, MoneyShape>();

export function formatMoney(decimal: string, currency: string, locale?: string): string {
  const match = DECIMAL.exec(decimal);
  const shape = match ? shapeOf(locale, currency, match[2]?.length ?? 0) : null;
  if (!match || !shape) return `${decimal} ${currency}`;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const glyphs = (digits: string) => [...digits].map((digit) => shape.digits[Number(digit)] ?? digit).join('');
  return shape.parts
    .map((part) => {
      switch (part.type) {
        case 'integer':
          return grouped(whole, shape).map(glyphs).join(shape.group);
        case 'fraction':
          return glyphs(match[2] ?? '');
        default:
          return part.value;
      }
    })
    .join('');
}

function shapeOf(locale: string | undefined, currency: string, decimals: number): MoneyShape | null {
  const cacheKey = `${locale ?? ''}|${currency}|${decimals}`;
  const cached = shapes.get(cacheKey);
  if (cached) return cached;
  let format: Intl.NumberFormat;
  let plain: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    plain = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 0 });
  } catch {
    return null; // an unknown currency code or locale tag: the caller shows the plain decimal and code
  }
  // Probe values only (not amounts): they reveal the group separator and the grouping sizes of the locale.
  const integerSizes = format.formatToParts(1234567890).filter((part) => part.type === 'integer').map((part) => part.value.length);
  const primaryGroup = integerSizes.length > 1 ? (integerSizes[integerSizes.length - 1] ?? 3) : Number.POSITIVE_INFINITY;
  const secondaryGroup = integerSizes.length > 2 ? (integerSizes[integerSizes.length - 2] ?? primaryGroup) : primaryGroup;
  const groupsAFourDigitNumber = format.formatToParts(1000).some((part) => part.type === 'group');
  const shape: MoneyShape = {
    parts: format.formatToParts(0).filter((part) => part.type !== 'group'),
    group: format.formatToParts(1234567890).find((part) => part.type === 'group')?.value ?? '',
    primaryGroup,
    secondaryGroup,
    minimumGroupingDigits: groupsAFourDigitNumber ? 1 : 2,
    digits: Array.from({ length: 10 }, (_, digit) => plain.format(digit)),
  };
  shapes.set(cacheKey, shape);
  return shape;
}

/** "1234567" → ["1", "234", "567"] (or ["12", "34", "567"] for Indian grouping). */
function grouped(whole: string, shape: MoneyShape): string[] {
  if (!Number.isFinite(shape.primaryGroup) || whole.length < shape.primaryGroup + shape.minimumGroupingDigits) return [whole];
  const groups = [whole.slice(-shape.primaryGroup)];
  let rest = whole.slice(0, -shape.primaryGroup);
  while (rest.length > shape.secondaryGroup) {
    groups.unshift(rest.slice(-shape.secondaryGroup));
    rest = rest.slice(0, -shape.secondaryGroup);
  }
  if (rest) groups.unshift(rest);
  return groups;
}
