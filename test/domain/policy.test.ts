import { DEFAULT_POLICY_DOCUMENT, parsePolicy, samePolicy } from '../../src/domain/policy';

describe('the refund policy document', () => {
  it('defaults to super admins refunding and approving, with nothing limited', () => {
    expect(DEFAULT_POLICY_DOCUMENT).toEqual({
      refunders: { superAdmins: true, userIds: [], teamIds: [], roleIds: [] },
      approvers: { superAdmins: true, userIds: [], teamIds: [], roleIds: [] },
      limits: {},
      otherCurrencies: 'needs_approval',
      limitSuperAdmins: false,
      requireNoteFor: ['other'],
      approvalExpiresAfterHours: 72,
    });
  });

  it('reads the shape of design §5 and normalises amounts to their currency\'s decimals', () => {
    const parsed = parsePolicy({
      refunders: { superAdmins: true, userIds: ['7'], teamIds: ['12'], roleIds: [] },
      approvers: { superAdmins: true, userIds: [], teamIds: ['3'], roleIds: [] },
      limits: { USD: { perRefund: '500', perDay: '2000.00' }, JPY: { perRefund: '50000' }, KWD: { perDay: '1.5' } },
      otherCurrencies: 'needs_approval',
      limitSuperAdmins: false,
      requireNoteFor: ['other'],
      approvalExpiresAfterHours: 72,
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.document.limits).toEqual({ JPY: { perRefund: '50000' }, KWD: { perDay: '1.500' }, USD: { perRefund: '500.00', perDay: '2000.00' } });
    expect(parsed.policy.limits.get('USD')).toEqual({ perRefundMinor: 50000n, perDayMinor: 200000n });
    expect(parsed.policy.limits.get('JPY')).toEqual({ perRefundMinor: 50000n, perDayMinor: null });
  });

  it('lists every problem at once, each at its setting', () => {
    const parsed = parsePolicy({
      refunders: { userIds: ['ada'] },
      limits: { USD: { perRefund: '500.001', perDay: '100.00' }, usd: { perDay: '1' }, XYZ: {}, EUR: { perRefund: '600', perDay: '500' } },
      otherCurrencies: 'maybe',
      approvalExpiresAfterHours: 0,
      requireNoteFor: ['because'],
      colour: 'blue',
    });
    if (parsed.ok) throw new Error('expected problems');
    expect(parsed.problems.map((problem) => problem.path).sort()).toEqual(
      ['approvalExpiresAfterHours', 'colour', 'limits.EUR.perRefund', 'limits.USD.perRefund', 'limits.XYZ', 'limits.usd', 'otherCurrencies', 'refunders.userIds.0', 'requireNoteFor.0'].sort(),
    );
    const limits = parsePolicy({ limits: { USD: { perRefund: '500.001' }, usd: { perDay: '1' }, XYZ: {}, EUR: { perRefund: '600', perDay: '500' } } });
    if (limits.ok) throw new Error('expected problems');
    expect(limits.problems).toEqual(
      expect.arrayContaining([
        { path: 'limits.USD.perRefund', message: 'USD allows at most 2 decimals.' },
        { path: 'limits.usd', message: 'write the currency code in capitals: USD' },
        { path: 'limits.XYZ', message: '"XYZ" is not an ISO 4217 currency code' },
        { path: 'limits.EUR.perRefund', message: 'is above perDay (500.00): every refund that size would need approval anyway' },
      ]),
    );
    expect(limits.problems).toHaveLength(4);
  });

  it('still accepts the first shape (v1) and converts it, keeping its meaning', () => {
    const parsed = parsePolicy({ superAdmins: true, teamIds: ['7'], maxPerRefund: { USD: '500.00' }, limitSuperAdmins: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.convertedFromV1).toBe(true);
    expect(parsed.document).toMatchObject({
      refunders: { superAdmins: true, teamIds: ['7'] },
      approvers: { superAdmins: true },
      limits: { USD: { perRefund: '500.00' } },
      otherCurrencies: 'no_limit',
      limitSuperAdmins: true,
    });
    const bad = parsePolicy({ teamIds: ['7'], maxPerRefund: { JPY: '1.5' } });
    expect(bad).toMatchObject({ ok: false, problems: [{ path: 'limits.JPY.perRefund', message: 'JPY has no decimals: enter a whole amount.' }] });
  });

  it('sees the same policy in any key order and with repeated ids', () => {
    const a = parsePolicy({ refunders: { teamIds: ['12', '7', '7'] }, limits: { USD: { perDay: '10', perRefund: '5' } } });
    const b = parsePolicy({ limits: { USD: { perRefund: '5.00', perDay: '10.00' } }, refunders: { teamIds: ['7', '12'] } });
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(samePolicy(a.document, b.document)).toBe(true);
    expect(samePolicy(a.document, DEFAULT_POLICY_DOCUMENT)).toBe(false);
  });
});
