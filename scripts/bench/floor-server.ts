import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { openPostgresDatabase } from '../../src/adapters/store/postgres-database';
import { parseMoney } from '../../src/domain/money';
import { TIMESTAMP_HEADER, SIGNATURE_HEADER, verifyV3 } from '../../src/http/signature';

/**
 * The floor a refund could cost on this machine: a minimal Express server that checks the same HubSpot
 * signature and does one locked insert and one update in PostgreSQL per request, nothing else. The bench
 * measures it in the same run as the backend and prints the ratios (issue 12: within 2× the latency, at
 * least half the throughput).
 */
export async function startFloorServer(databaseUrl: string, clientSecret: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const db = await openPostgresDatabase(databaseUrl, { maxConnections: 10, applicationName: 'bench floor' });
  await db.query('CREATE TABLE IF NOT EXISTS floor_payments (id text PRIMARY KEY, refunded bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL)');
  await db.query('CREATE TABLE IF NOT EXISTS floor_refunds (id bigserial PRIMARY KEY, payment_id text NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL)');
  const app = express();
  app.use(express.json({ verify: (req, _res, buffer) => ((req as unknown as { raw: Buffer }).raw = Buffer.from(buffer)) }));
  app.post('/api/transactions/deals/:id/refunds', async (req, res) => {
    const check = verifyV3({
      secret: clientSecret,
      method: req.method,
      uri: `http://${req.get('host')}${req.originalUrl}`,
      body: (req as unknown as { raw?: Buffer }).raw ?? Buffer.alloc(0),
      signature: req.get(SIGNATURE_HEADER),
      timestamp: req.get(TIMESTAMP_HEADER),
      now: new Date(),
    });
    if (!check.ok) return void res.status(401).json({ error: { code: 'INVALID_SIGNATURE' } });
    const parsed = parseMoney(String(req.body?.amount ?? ''), 'USD');
    if (!parsed.ok) return void res.status(400).json({ error: { code: 'INVALID_REQUEST' } });
    const amount = parsed.money.minor;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO floor_payments (id, updated_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET updated_at = now()', [req.params.id]);
      await tx.query('INSERT INTO floor_refunds (payment_id, amount, created_at) VALUES ($1, $2, now())', [req.params.id, amount.toString()]);
      await tx.query('UPDATE floor_payments SET refunded = refunded + $2 WHERE id = $1', [req.params.id, amount.toString()]);
    });
    res.status(201).json({ attempt: { status: 'succeeded' } });
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
