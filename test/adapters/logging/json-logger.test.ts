import { jsonLogger } from '../../../src/adapters/logging/json-logger';

describe('jsonLogger', () => {
  it('writes one JSON line per entry and never a secret or a card number', () => {
    const lines: string[] = [];
    const logger = jsonLogger((line) => lines.push(line), { service: 'refunds' });
    logger.error('Stripe said: Invalid API Key provided: sk_live_51Habcdef for card 4242 4242 4242 4242', {
      authorization: 'Bearer pat-na1-123',
      nested: { clientSecret: 'abc', accessToken: 'def', cardNumber: '4000056655665556', last4: '4242', amount: 1234n },
      attemptId: '6f1c',
      idempotencyKey: 'form-key-1',
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'error',
      service: 'refunds',
      message: 'Stripe said: Invalid API Key provided: sk_live_[redacted] for card [card number removed]',
      authorization: '[redacted]',
      nested: { clientSecret: '[redacted]', accessToken: '[redacted]', cardNumber: '[card number removed]', last4: '4242', amount: '1234' },
      attemptId: '6f1c',
      idempotencyKey: 'form-key-1',
    });
    expect(lines[0]).not.toMatch(/sk_live_51H|pat-na1-123|4242 4242 4242 4242|4000056655665556/);
  });
});
