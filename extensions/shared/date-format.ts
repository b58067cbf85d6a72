/** A date and time in the viewer's locale and the portal's time zone. */
export function formatDate(iso: string, locale: string | undefined, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return iso; // an unknown time zone or locale tag: the ISO timestamp is still unambiguous
  }
}
