import type { PolicyDocument, PolicyHistoryItem, PolicyOptions, PolicyView } from '../../extensions/refund-settings/policy-schemas';

/** Typed copies of what the backend sends (src/application/policy/*.ts), for fake answers. */
export function policyDocument(overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  return {
    refunders: { superAdmins: true, userIds: ['2'], teamIds: ['7'], roleIds: [] },
    approvers: { superAdmins: true, userIds: [], teamIds: ['9'], roleIds: [] },
    limits: { USD: { perRefund: '500.00', perDay: '1000.00' }, JPY: { perRefund: '50000' } },
    otherCurrencies: 'needs_approval',
    limitSuperAdmins: false,
    requireNoteFor: ['other'],
    approvalExpiresAfterHours: 72,
    ...overrides,
  };
}

export function policyView(overrides: Partial<PolicyView> = {}): PolicyView {
  return {
    policy: policyDocument(),
    version: 3,
    updatedAt: '2025-03-04T15:30:00.000Z',
    updatedBy: { userId: '1', name: 'Ada Admin', email: 'ada@example.com' },
    source: 'settings',
    locked: false,
    ...overrides,
  };
}

export function policyOptions(): PolicyOptions {
  return {
    users: [
      { id: '1', name: 'Ada Admin', email: 'ada@example.com', superAdmin: true },
      { id: '4', name: 'Mona Manager', email: 'mona@example.com', superAdmin: false },
      { id: '2', name: 'Rita Rep', email: 'rita@example.com', superAdmin: false },
    ],
    teams: [
      { id: '9', name: 'Finance' },
      { id: '7', name: 'Support' },
    ],
    roles: [{ id: '30', name: 'Support rep' }],
    currencies: [
      { code: 'EUR', decimals: 2 },
      { code: 'JPY', decimals: 0 },
      { code: 'KWD', decimals: 3 },
      { code: 'USD', decimals: 2 },
    ],
  };
}

export function historyItem(version: number, changes: string[], overrides: Partial<PolicyHistoryItem> = {}): PolicyHistoryItem {
  const { locked: _locked, ...view } = policyView({ version });
  return { ...view, changes, ...overrides };
}
