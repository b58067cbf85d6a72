import express, { type Request, type Response } from 'express';
import * as z from 'zod';
import { createExportToken, EXPORT_TOKEN_TTL_MS, verifyExportToken } from '../../application/reports/export-token';
import { filterOf, listQuery, summaryQuery } from '../../application/reports/report-query';
import { listRefunds, type ReportDeps, reportReader, summarizeRefunds } from '../../application/reports/refund-reports';
import { refundsCsv, summaryCsv } from '../../application/reports/refunds-csv';
import { invalidRequest } from '../../contract/error-answers';
import { AppError } from '../../domain/errors';
import { hubSpotUserId } from '../../domain/ids';
import { actorOf } from '../identity';

/** How many rows one export streams at most (a page of the list at a time). */
const EXPORT_MAX_ROWS = 100_000;

/**
 * Reports (design §7): the list and the summary, JSON or CSV (`Accept: text/csv` or `format=csv`), and a
 * short-lived signed link to the CSV for pages that cannot save files.
 */
export function reportRoutes(deps: ReportDeps, exportKey: Buffer, publicUrl: string | null): express.Router {
  const router = express.Router();

  router.get('/refunds', async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error);
    const page = await listRefunds(deps, actorOf(req), filterOf(query.data), { limit: query.data.limit, cursor: query.data.cursor ?? null });
    if (wantsCsv(req, query.data.format)) return sendCsv(res, 'refunds.csv', refundsCsv(page.results), page.nextCursor);
    res.json(page);
  });

  router.get('/refunds/summary', async (req, res) => {
    const query = summaryQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error);
    const summary = await summarizeRefunds(deps, actorOf(req), filterOf(query.data), query.data.groupBy);
    if (wantsCsv(req, query.data.format)) return sendCsv(res, `refunds-by-${summary.groupBy}.csv`, summaryCsv(summary.results), null);
    res.json(summary);
  });

  router.get('/refunds/export-link', async (req, res) => {
    const userId = actorOf(req);
    const filters = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    for (const name of ['userId', 'portalId', 'userEmail', 'appId', 'cursor', 'limit', 'format']) filters.delete(name);
    const checked = (filters.has('groupBy') ? summaryQuery : listQuery).safeParse(Object.fromEntries(filters));
    if (!checked.success) throw invalidRequest(checked.error);
    await reportReader(deps, userId);
    const expiresAt = new Date(deps.clock.now().getTime() + EXPORT_TOKEN_TTL_MS);
    const token = createExportToken(exportKey, { userId, query: filters.toString(), expiresAt });
    const base = publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
    res.json({ url: `${base}/exports/refunds.csv?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() });
  });

  return router;
}

/** GET /exports/refunds.csv?token=…: outside HubSpot's signing (a browser opens it), authorised by the token alone. */
export function exportDownloadRoute(deps: ReportDeps, exportKey: Buffer): express.Router {
  const router = express.Router();
  router.get('/refunds.csv', async (req, res) => {
    const token = z.object({ token: z.string().max(4000) }).safeParse(req.query);
    const grant = token.success ? verifyExportToken(exportKey, token.data.token, deps.clock.now()) : null;
    if (!grant) throw new AppError('INVALID_SIGNATURE', 'This export link is not valid or has expired: make a new one from the Refunds page.');
    const userId = hubSpotUserId(grant.userId);
    const params = Object.fromEntries(new URLSearchParams(grant.query));
    if (params.groupBy) {
      const query = summaryQuery.parse(params);
      const summary = await summarizeRefunds(deps, userId, filterOf(query), query.groupBy);
      return sendCsv(res, `refunds-by-${summary.groupBy}.csv`, summaryCsv(summary.results), null);
    }
    const query = listQuery.parse(params);
    const filter = filterOf(query);
    await reportReader(deps, userId);
    res.status(200).set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="refunds.csv"', 'Cache-Control': 'no-store' });
    let cursor: string | null = null;
    let rows = 0;
    let first = true;
    do {
      const page = await listRefunds(deps, userId, filter, { limit: 500, cursor });
      const csv = refundsCsv(page.results);
      // every page's CSV starts with the header row: only the first one keeps it
      res.write(first ? csv : csv.slice(csv.indexOf('\r\n') + 2));
      first = false;
      rows += page.results.length;
      cursor = page.nextCursor;
    } while (cursor && rows < EXPORT_MAX_ROWS);
    res.end();
  });
  return router;
}

function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  return format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
}

function sendCsv(res: Response, filename: string, csv: string, nextCursor: string | null): void {
  res.status(200).set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
  if (nextCursor) res.set('X-Next-Cursor', nextCursor);
  res.send(csv);
}
