/** HubSpot gives a locale tag such as "en-us"; one Intl does not know falls back to the runtime's default. */
export function usableLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    return undefined;
  }
}
