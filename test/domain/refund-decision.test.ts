import type { DirectoryUser } from '../../src/domain/directory-user';
import { hubSpotUserId } from '../../src/domain/ids';
import { mustParsePolicy } from '../../src/domain/policy';
import { decideRefund, viewerLimits } from '../../src/domain/refund-decision';

const user = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: hubSpotUserId('100'),
  email: 'rep@example.com',
  superAdmin: false,
  roleIds: [],
  teamIds: ['7'],
  ...overrides,
});
const admin = user({ id: hubSpotUserId('1'), superAdmin: true, teamIds: [] });
const outsider = user({ id: hubSpotUserId('3'), teamIds: ['8'] });

const policy = mustParsePolicy({
  refunders: { superAdmins: true, teamIds: ['7'], roleIds: ['9'], userIds: ['42'] },
  approvers: { superAdmins: true, teamIds: ['3'] },
  limits: { USD: { perRefund: '500.00', perDay: '2000.00' }, JPY: { perRefund: '50000' }, EUR: { perDay: '300.00' } },
  otherCurrencies: 'needs_approval',
});
const noApprovers = mustParsePolicy({ refunders: { teamIds: ['7'] }, approvers: { superAdmins: false }, limits: { USD: { perRefund: '500.00', perDay: '2000.00' } } });
const openCurrencies = mustParsePolicy({ refunders: { teamIds: ['7'] }, limits: { USD: { perRefund: '500.00' } }, otherCurrencies: 'no_limit' });
const limitedAdmins = mustParsePolicy({ limits: { USD: { perRefund: '500.00' } }, limitSuperAdmins: true });

describe('decideRefund (design §5)', () => {
  it.each([
    ['a refund up to the per-refund limit', policy, user(), 'USD', 50000n, 0n, { kind: 'allow' }],
    ['a refund above the per-refund limit', policy, user(), 'USD', 50001n, 0n, { kind: 'needs_approval', exceeded: { limit: 'per_refund', limitMinor: 50000n } }],
    ['a refund that reaches the daily limit exactly', policy, user(), 'USD', 50000n, 150000n, { kind: 'allow' }],
    ['a refund that passes the daily limit', policy, user(), 'USD', 100n, 199950n, { kind: 'needs_approval', exceeded: { limit: 'per_day', limitMinor: 200000n, usedMinor: 199950n } }],
    ['a currency with only a daily limit', policy, user(), 'EUR', 30000n, 0n, { kind: 'allow' }],
    ['a currency with only a per-refund limit, any day total', policy, user(), 'JPY', 50000n, 9_999_999n, { kind: 'allow' }],
    ['an unlisted currency when others need approval', policy, user(), 'GBP', 1n, 0n, { kind: 'needs_approval', exceeded: { limit: 'currency' } }],
    ['an unlisted currency when others have no limit', openCurrencies, user(), 'GBP', 10_000_000n, 0n, { kind: 'allow' }],
    ['a super admin above every limit', policy, admin, 'USD', 10_000_000n, 10_000_000n, { kind: 'allow' }],
    ['a super admin when super admins are limited', limitedAdmins, admin, 'USD', 50001n, 0n, { kind: 'needs_approval', exceeded: { limit: 'per_refund', limitMinor: 50000n } }],
    ['a listed user', policy, user({ id: hubSpotUserId('42'), teamIds: [] }), 'USD', 100n, 0n, { kind: 'allow' }],
    ['a holder of a listed role', policy, user({ teamIds: [], roleIds: ['9'] }), 'USD', 100n, 0n, { kind: 'allow' }],
  ] as const)('%s', (_name, rules, who, currency, amount, used, expected) => {
    expect(decideRefund(rules, who, currency, amount, used)).toEqual(expected);
  });

  it('refuses someone the policy does not name, and an unknown user', () => {
    expect(decideRefund(policy, outsider, 'USD', 100n, 0n)).toMatchObject({ kind: 'deny', message: expect.stringMatching(/Ask a super admin for access/) });
    expect(decideRefund(policy, null, 'USD', 100n, 0n)).toMatchObject({ kind: 'deny', message: expect.stringMatching(/could not be found/) });
  });

  it('refuses above a limit when nobody may approve, saying which limit and how much is possible', () => {
    expect(decideRefund(noApprovers, user(), 'USD', 60000n, 0n)).toEqual({
      kind: 'deny',
      message: 'Above the limit of USD 500.00 per refund. The refund policy names no approvers, so it cannot be approved. Ask a super admin.',
      maxMinor: 50000n,
    });
    expect(decideRefund(noApprovers, user(), 'USD', 30000n, 180000n)).toMatchObject({ kind: 'deny', maxMinor: 20000n, message: expect.stringMatching(/daily limit of USD 2000.00 \(USD 1800.00 already/) });
  });
});

describe('viewerLimits: what the card says before a refund', () => {
  it.each([
    ['a rep with both limits and some used today', policy, user(), 'USD', 180000n, { canRefund: true, canApprove: false, approvalAboveMinor: 20000n, maxRefundMinor: null, dailyRemainingMinor: 20000n }],
    ['a rep in a fresh day', policy, user(), 'USD', 0n, { approvalAboveMinor: 50000n, dailyRemainingMinor: 200000n }],
    ['a rep in an unlisted currency', policy, user(), 'GBP', 0n, { canRefund: true, approvalAboveMinor: 0n, dailyRemainingMinor: null }],
    ['a super admin', policy, admin, 'USD', 0n, { canRefund: true, canApprove: true, approvalAboveMinor: null, maxRefundMinor: null, dailyRemainingMinor: null }],
    ['an approver who may not refund', policy, user({ id: hubSpotUserId('5'), teamIds: ['3'] }), 'USD', 0n, { canRefund: false, canApprove: true }],
    ['a rep when nobody approves: the limit is the most', noApprovers, user(), 'USD', 0n, { canRefund: true, approvalAboveMinor: 50000n, maxRefundMinor: 50000n }],
    ['a rep whose day is used up and nobody approves', noApprovers, user(), 'USD', 200000n, { canRefund: false, dailyRemainingMinor: 0n }],
  ] as const)('%s', (_name, rules, who, currency, used, expected) => {
    expect(viewerLimits(rules, who, currency, used)).toMatchObject(expected);
  });
});
