/**
 * PayPal retries a delivery for three days (https://developer.paypal.com/api/rest/webhooks/rest/); a delivery whose
 * signed time is older than a day beyond that, or from the future, is taken for a captured one sent again. Our own
 * guard, the same for every provider whose signature covers a time; a repeated delivery is caught by its event id.
 */
const OLDEST_MS = 4 * 24 * 60 * 60 * 1000;
const FUTURE_MS = 60 * 60 * 1000;

export function sentInTime(sentAt: Date, receivedAt: Date): boolean {
  const age = receivedAt.getTime() - sentAt.getTime();
  return !Number.isNaN(age) && age <= OLDEST_MS && age >= -FUTURE_MS;
}
