import type { Database } from '../store/database';

export interface DemoUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly superAdmin: boolean;
  readonly roleIds: readonly string[];
  readonly teamIds: readonly string[];
}

/** The Support team (7) refunds and Finance (9) approves in the sandbox's policy; see SANDBOX_POLICY. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: '1', email: 'ada.admin@example.com', firstName: 'Ada', lastName: 'Admin', superAdmin: true, roleIds: [], teamIds: [] },
  { id: '2', email: 'rita.rep@example.com', firstName: 'Rita', lastName: 'Rep', superAdmin: false, roleIds: ['30'], teamIds: ['7'] },
  { id: '3', email: 'nick.noaccess@example.com', firstName: 'Nick', lastName: 'Noaccess', superAdmin: false, roleIds: ['31'], teamIds: ['8'] },
  { id: '4', email: 'mona.manager@example.com', firstName: 'Mona', lastName: 'Manager', superAdmin: false, roleIds: ['32'], teamIds: ['9'] },
];

/**
 * The demo policy (design §5): Support refunds up to 500 at a time and 1000 a day (USD, EUR; JPY likewise),
 * anything above or in another currency waits for a super admin or Finance; a note is needed for "other".
 */
export const SANDBOX_POLICY = {
  refunders: { superAdmins: true, teamIds: ['7'] },
  approvers: { superAdmins: true, teamIds: ['9'] },
  limits: {
    USD: { perRefund: '500.00', perDay: '1000.00' },
    EUR: { perRefund: '500.00', perDay: '1000.00' },
    JPY: { perRefund: '50000', perDay: '100000' },
  },
  otherCurrencies: 'needs_approval',
  limitSuperAdmins: false,
  requireNoteFor: ['other'],
  approvalExpiresAfterHours: 72,
};

/** The demo account's teams and roles (permission sets), for the settings page's pickers. */
export const DEMO_TEAMS = [
  { id: '7', name: 'Support' },
  { id: '8', name: 'Sales' },
  { id: '9', name: 'Finance' },
] as const;

export const DEMO_ROLES = [
  { id: '30', name: 'Support rep' },
  { id: '31', name: 'Sales rep' },
  { id: '32', name: 'Finance manager' },
] as const;

export interface DemoDeal {
  readonly id: string;
  readonly dealname: string;
  readonly payment_provider: string;
  readonly payment_transaction_id: string;
  readonly payment_card_last4?: string;
  readonly amount: string;
  readonly deal_currency_code: string;
}

export const DEMO_DEALS: readonly DemoDeal[] = [
  { id: '1001', dealname: 'Annual plan (Stripe)', payment_provider: 'stripe', payment_transaction_id: 'pi_3SandboxAnnualPlan0001', amount: '1200.00', deal_currency_code: 'USD' },
  { id: '1002', dealname: 'Workshop, Tokyo (Stripe, JPY)', payment_provider: 'stripe', payment_transaction_id: 'pi_3SandboxTokyoWorkshop02', amount: '120000', deal_currency_code: 'JPY' },
  { id: '1003', dealname: 'Consulting (Stripe, EUR)', payment_provider: 'stripe', payment_transaction_id: 'ch_3SandboxConsultingEur03', amount: '89.90', deal_currency_code: 'EUR' },
  { id: '1004', dealname: 'Kuwait reseller (Stripe, KWD)', payment_provider: 'stripe', payment_transaction_id: 'pi_3SandboxKuwaitReseller4', amount: '15.750', deal_currency_code: 'KWD' },
  { id: '1005', dealname: 'Cheque payment (manual)', payment_provider: 'manual', payment_transaction_id: 'cheque-000417', amount: '250.00', deal_currency_code: 'USD' },
  { id: '1006', dealname: 'Card the bank refuses (Stripe, declines)', payment_provider: 'stripe', payment_transaction_id: 'pi_3SandboxDeclineRefund06', amount: '49.00', deal_currency_code: 'USD' },
  { id: '1007', dealname: 'Provider that never answers (Stripe, times out)', payment_provider: 'stripe', payment_transaction_id: 'pi_3SandboxTimeoutRefund07', amount: '75.00', deal_currency_code: 'USD' },
  { id: '1008', dealname: 'Card payment today, not settled (Authorize.net: void or refund)', payment_provider: 'authorize_net', payment_transaction_id: '60199unsettled', payment_card_last4: '1111', amount: '300.00', deal_currency_code: 'USD' },
  { id: '1009', dealname: 'Settled card payment (NMI)', payment_provider: 'nmi', payment_transaction_id: '7654321098', amount: '64.50', deal_currency_code: 'USD' },
  { id: '1010', dealname: 'PayPal capture (EUR)', payment_provider: 'paypal', payment_transaction_id: '2GG279541U471931P', amount: '150.00', deal_currency_code: 'EUR' },
];

/** Idempotent: a second start keeps whatever the demo records have become. */
export async function seedSandbox(db: Database): Promise<void> {
  for (const user of DEMO_USERS) {
    await db.query(
      `INSERT INTO sandbox_users (id, email, first_name, last_name, super_admin, role_ids, team_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [user.id, user.email, user.firstName, user.lastName, user.superAdmin, JSON.stringify(user.roleIds), JSON.stringify(user.teamIds)],
    );
  }
  for (const { id, ...properties } of DEMO_DEALS) {
    await db.query(
      `INSERT INTO sandbox_records (object_type, object_id, properties) VALUES ('deals', $1, $2) ON CONFLICT DO NOTHING`,
      [id, JSON.stringify(properties)],
    );
  }
}

/**
 * Back to a fresh demo: every ledger and sandbox table emptied (one statement, so a running server sees
 * either the old state or the new one) and the demo records and users seeded again.
 */
export async function resetSandbox(db: Database): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
  );
  await db.query(`TRUNCATE ${tables.map((table) => `"${table.tablename}"`).join(', ')} RESTART IDENTITY`);
  await seedSandbox(db);
}
