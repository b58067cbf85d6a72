import { MIGRATIONS, migrate } from '../../../src/adapters/store/migrations';
import { paymentFromRow, PAYMENT_COLUMNS, type PaymentRow } from '../../../src/adapters/store/payment-row';
import { openPostgresDatabase } from '../../../src/adapters/store/postgres-database';
import { createTestDatabase, testDatabase } from '../../support/ledger-fixtures';

describe('migrations', () => {
  it('are safe when several instances start at once', async () => {
    const url = await createTestDatabase({ migrated: false });
    const [db, other] = await Promise.all([openPostgresDatabase(url), openPostgresDatabase(url)]);
    const applied = await Promise.all([migrate(db), migrate(other), migrate(db)]);
    expect(applied.flat().sort()).toEqual(MIGRATIONS.map((migration) => migration.version));
    await other.close();
    await db.close();
  });

  it('move an existing ledger keyed by record to one keyed by payment, keeping every attempt and its sums', async () => {
    const { db } = await testDatabase({ migrated: false });
    await migrate(db, MIGRATIONS.filter((migration) => migration.version <= 2));
    const at = '2026-11-20T10:00:00Z';
    // Two records (one under the alias 0-3) point at one Stripe payment; a third record has its own.
    await db.query(`INSERT INTO transactions VALUES
      ('deals', '1', 'stripe', 'pi_shared', 'USD', 10000, '${at}'),
      ('0-3', '2', 'stripe', 'pi_shared', 'USD', 12000, '${at}'),
      ('deals', '3', 'manual', 'cheque-1', 'EUR', 5000, '${at}')`);
    const attempt = (id: string, type: string, record: string, ptid: string, amount: number, status: string, key: string, kind = 'refund') =>
      `('${id}', '${type}', '${record}', '${kind}', ${amount}, 'USD', '${status}', 'duplicate', NULL, '7', NULL, NULL, '${key}', 'fp', 'stripe', '${ptid}', NULL, NULL, NULL, NULL, NULL, '${at}', '${at}', NULL)`;
    await db.query(`INSERT INTO refund_attempts VALUES
      ${attempt('00000000-0000-0000-0000-000000000001', 'deals', '1', 'pi_shared', 3000, 'succeeded', 'key-a')},
      ${attempt('00000000-0000-0000-0000-000000000002', '0-3', '2', 'pi_shared', 2000, 'unknown', 'key-a')},
      ${attempt('00000000-0000-0000-0000-000000000003', 'deals', '1', 'pi_shared', 9000, 'failed', 'key-b')}`);
    await db.query(`INSERT INTO crm_outbox (object_type, object_id, attempt_id, next_attempt_at, created_at) VALUES ('0-3', '2', '00000000-0000-0000-0000-000000000002', '${at}', '${at}')`);

    expect(await migrate(db)).toEqual([3, 4, 5]);

    const payments = (await db.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments ORDER BY provider_transaction_id`)).map(paymentFromRow);
    expect(payments.map((payment) => [payment.key.providerTransactionId, payment.totals.paidMinor])).toEqual([
      ['cheque-1', 5000n],
      ['pi_shared', 10000n],
    ]);
    expect(payments[1]).toMatchObject({ refundCount: 1, lastRefundReason: 'duplicate', totals: { refundedMinor: 3000n, inFlightMinor: 2000n, heldMinor: 0n } });
    const attempts = await db.query<{ object_type: string; idempotency_key: string; payment_id: string }>('SELECT object_type, idempotency_key, payment_id FROM refund_attempts ORDER BY id');
    expect(attempts.map((row) => [row.object_type, row.idempotency_key])).toEqual([
      ['deals', 'key-a'],
      ['deals', 'key-a:deals:2'],
      ['deals', 'key-b'],
    ]);
    expect(new Set(attempts.map((row) => row.payment_id)).size).toBe(1);
    const records = await db.query<{ object_type: string; object_id: string }>('SELECT object_type, object_id FROM payment_records ORDER BY object_id');
    expect(records).toEqual([
      { object_type: 'deals', object_id: '1' },
      { object_type: 'deals', object_id: '2' },
      { object_type: 'deals', object_id: '3' },
    ]);
    expect(await db.query('SELECT object_type FROM crm_outbox')).toEqual([{ object_type: 'deals' }]);
    await db.close();
  });
});
