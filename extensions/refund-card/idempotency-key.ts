interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

let fallbackCounter = 0;

/**
 * One key per opened form (design §3 "Never twice"): a retry or a double click sends the same key, so the
 * backend returns the same attempt instead of refunding again. Keys are 8–128 of [A-Za-z0-9._:-].
 */
export function newIdempotencyKey(): string {
  const random = (globalThis as { crypto?: RandomSource }).crypto;
  if (typeof random?.randomUUID === 'function') return random.randomUUID();
  if (typeof random?.getRandomValues === 'function') {
    return [...random.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  // No Web Crypto in this sandbox: time, a counter and Math.random still make a key unique per form.
  fallbackCounter += 1;
  return `card-${Date.now().toString(36)}-${fallbackCounter.toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
