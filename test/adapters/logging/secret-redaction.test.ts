import { jsonLogger } from '../../../src/adapters/logging/json-logger';
import { secretForms, secretRedactor, withSecretsRedacted } from '../../../src/adapters/logging/secret-redaction';

const CLIENT_ID = 'AbPayPalClientId-0001';
const CLIENT_SECRET = 'EcPayPalClientSecret-0001';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

/** Redaction covers encoded credentials, not just their plain text (issue 11, item 7). */
describe('secret redaction', () => {
  const redactText = secretRedactor([CLIENT_SECRET, 'short', null]);

  it.each([
    ['as is', CLIENT_SECRET],
    ['URL-encoded', encodeURIComponent(`${CLIENT_SECRET}/+ x`)],
    ['inside base64 at every byte alignment', ['', 'a', 'ab'].map((prefix) => Buffer.from(`${prefix}${CLIENT_SECRET}!`).toString('base64')).join(' ')],
    ['inside base64url', Buffer.from(`id:${CLIENT_SECRET}`).toString('base64url')],
  ])('masks a configured secret %s', (_label, text) => {
    const masked = redactText(`PayPal said: ${text}`);
    expect(masked).toContain('[redacted]');
    expect(masked).not.toContain(CLIENT_SECRET);
    for (const form of secretForms(CLIENT_SECRET)) expect(masked).not.toContain(form);
  });

  it("masks PayPal's Basic header, whoever's credential it is, configured or not", () => {
    expect(redactText(`Authorization: ${BASIC}`)).toBe('Authorization: Basic [redacted]');
    expect(secretRedactor([])(`echo: ${BASIC} end`)).toBe('echo: Basic [redacted] end');
  });

  it('leaves ordinary text and secrets too short to tell apart alone', () => {
    expect(redactText('a short note, refund 12.50 EUR')).toBe('a short note, refund 12.50 EUR');
  });

  it('keeps every form of the secret out of the log lines, message and fields', () => {
    const lines: string[] = [];
    const logger = withSecretsRedacted(jsonLogger((line) => lines.push(line)), redactText);
    const base64 = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    logger.warn(`token call refused: ${base64}`, { detail: { oauth_error_description: `bad credential ${BASIC}`, echoed: [base64] }, at: 12n });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(new RegExp([CLIENT_SECRET, base64, ...secretForms(CLIENT_SECRET)].map((form) => form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')));
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', detail: { oauth_error_description: 'bad credential Basic [redacted]' }, at: '12' });
  });
});
