import type { DirectoryUser } from '../../src/domain/directory-user';
import { hubSpotUserId } from '../../src/domain/ids';
import { DEFAULT_POLICY, decidePermission, refundPolicySchema } from '../../src/domain/policy';

const user = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: hubSpotUserId('100'),
  email: 'rep@example.com',
  superAdmin: false,
  roleIds: [],
  teamIds: [],
  ...overrides,
});

describe('refund policy', () => {
  it('lets only super admins refund by default, without a cap', () => {
    expect(decidePermission(DEFAULT_POLICY, user({ superAdmin: true }), 'USD')).toEqual({ canRefund: true, maxRefundMinor: null, denyReason: null });
    const denied = decidePermission(DEFAULT_POLICY, user(), 'USD');
    expect(denied.canRefund).toBe(false);
    expect(denied.denyReason).toMatch(/Ask a super admin/);
  });

  it('allows listed users, teams and roles, and caps them per currency', () => {
    const policy = refundPolicySchema.parse({ userIds: ['100'], teamIds: ['5'], roleIds: ['9'], maxPerRefund: { USD: '500.00', JPY: '50000' } });
    expect(decidePermission(policy, user(), 'USD')).toEqual({ canRefund: true, maxRefundMinor: 50000n, denyReason: null });
    expect(decidePermission(policy, user({ id: hubSpotUserId('1'), teamIds: ['5'] }), 'JPY').maxRefundMinor).toBe(50000n);
    expect(decidePermission(policy, user({ id: hubSpotUserId('1'), roleIds: ['9'] }), 'EUR')).toEqual({ canRefund: true, maxRefundMinor: null, denyReason: null });
    expect(decidePermission(policy, user({ id: hubSpotUserId('1'), roleIds: ['8'], teamIds: ['6'] }), 'USD').canRefund).toBe(false);
  });

  it('exempts super admins from the cap unless told otherwise', () => {
    const admin = user({ superAdmin: true });
    expect(decidePermission(refundPolicySchema.parse({ maxPerRefund: { USD: '1' } }), admin, 'USD').maxRefundMinor).toBeNull();
    expect(decidePermission(refundPolicySchema.parse({ maxPerRefund: { USD: '1' }, limitSuperAdmins: true }), admin, 'USD').maxRefundMinor).toBe(100n);
  });

  it('can shut super admins out', () => {
    expect(decidePermission(refundPolicySchema.parse({ superAdmins: false }), user({ superAdmin: true }), 'USD').canRefund).toBe(false);
  });

  it('denies an unknown user', () => {
    expect(decidePermission(DEFAULT_POLICY, null, 'USD').canRefund).toBe(false);
  });

  it.each([
    [{ maxPerRefund: { USD: '1.234' } }, /maxPerRefund.USD/],
    [{ maxPerRefund: { XXX: '1' } }, /maxPerRefund.XXX/],
    [{ userIds: ['abc'] }, /userIds/],
    [{ admins: true }, /admins/],
  ])('rejects the malformed policy %j', (raw, message) => {
    const result = refundPolicySchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join(' ')).toMatch(message);
  });
});
