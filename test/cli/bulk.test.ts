import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { requestRefund } from '../../src/application/request-refund/request-refund';
import { hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import { readBulkFile, type BulkRow } from '../../src/cli/bulk/bulk-file';
import { resultsPathOf, writeResults } from '../../src/cli/bulk/bulk-results';
import { runRows, verdictOf } from '../../src/cli/bulk/bulk-run';
import { type TestBackend, testBackend } from '../support/test-backend';

const FILE = [
  'objectType,objectId,amount,reason,note',
  'deals,1001,10.00,duplicate,',
  'deals,1002,500,requested_by_customer,"Two seats, removed"',
  'deals,1003,1.005,duplicate,',
  'deals,abc,1,duplicate,',
  'deals,1001,1,other,',
  'deals,1001,10.00,duplicate,',
  'deals,1004,0.010,duplicate,"a note',
  'over two lines"',
  'deals,1001,,lost,',
  'deals,1005,abc,duplicate,',
  'deals,1005,0.00,duplicate,',
].join('\n');

describe('bulk refund files', () => {
  it('checks every row before anything is sent, naming the line and the problem', () => {
    const { rows, bad } = readBulkFile(FILE);
    expect(bad).toEqual([
      { line: 5, problem: 'objectId: is not a HubSpot record id' },
      { line: 6, problem: 'note: is required when the reason is "other"' },
      { line: 7, problem: 'the same refund as line 2: remove one, or make them differ (a note)' },
      { line: 10, problem: expect.stringMatching(/^reason: /) },
      { line: 11, problem: 'amount: Write the amount as digits with an optional decimal point, like "12.34".' },
      { line: 12, problem: 'amount: The amount must be greater than zero.' },
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 8]);
    expect(rows[3]).toMatchObject({ objectId: '1004', amount: '0.010', note: 'a note\nover two lines' });
  });

  it('keys each row by the file and the row: the same file gives the same keys, an edited one new ones', () => {
    const keys = readBulkFile(FILE).rows.map((row) => row.idempotencyKey);
    expect(readBulkFile(FILE).rows.map((row) => row.idempotencyKey)).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => /^bulk-[0-9a-f]{40}$/.test(key))).toBe(true);
    expect(readBulkFile(`${FILE}\n`).rows[0]?.idempotencyKey).not.toBe(keys[0]);
  });

  it('names a missing column and a file that is not CSV', () => {
    expect(readBulkFile('objectType,objectId\ndeals,1').bad).toEqual([{ line: 1, problem: 'the header lacks reason (columns: objectType, objectId, amount, reason, note)' }]);
    expect(readBulkFile('objectType,objectId,reason\n"deals,1,duplicate').bad[0]?.problem).toMatch(/^the file is not valid CSV/);
  });
});

describe('a bulk run', () => {
  let backend: TestBackend;
  const rows = Array.from({ length: 30 }, (_, n) => `deals,1001,${(n + 1).toString()}.00,duplicate,row ${n + 1}`);
  const content = ['objectType,objectId,amount,reason,note', ...rows].join('\n');

  beforeAll(async () => {
    backend = await testBackend();
  });
  afterAll(() => backend.close());

  const send = (row: BulkRow) =>
    requestRefund(backend.deps, {
      transaction: { objectType: row.objectType, objectId: row.objectId },
      userId: hubSpotUserId('1'),
      amount: row.amount,
      reason: row.reason,
      note: row.note,
      idempotencyKey: idempotencyKey(row.idempotencyKey),
    });

  it('refunds nothing twice when a run interrupted halfway is run again', async () => {
    const { rows: parsed } = readBulkFile(content);
    let sent = 0;
    const interrupted = await runRows(parsed, send, { concurrency: 3, stopped: () => sent >= 12, onRow: () => (sent += 1) });
    expect(interrupted.filter((result) => result.outcome.kind === 'not_sent').length).toBeGreaterThan(0);
    const calls = backend.stripe.calls.length;
    const rerun = await runRows(parsed, send, { concurrency: 3, stopped: () => false, onRow: () => undefined });
    const verdicts = rerun.map((result) => verdictOf(result.outcome));
    expect(verdicts.filter((verdict) => verdict === 'already_done')).toHaveLength(calls);
    expect(verdicts.filter((verdict) => verdict === 'refunded')).toHaveLength(30 - calls);
    expect(backend.stripe.calls).toHaveLength(30);
    expect(new Set(backend.stripe.calls.map((call) => call.idempotencyKey)).size).toBe(30);
    const read = await backend.attemptsOf({ objectType: 'deals', objectId: '1001' });
    expect(read.reduce((sum, attempt) => sum + attempt.amountMinor, 0n)).toBe(46500n);
  });

  it('writes a results file beside the input, line by line, with the invalid rows too', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'bulk-results-'));
    const input = path.join(folder, 'november.csv');
    const { rows: parsed, bad } = readBulkFile(FILE);
    const results = await runRows(parsed, send, { concurrency: 2, stopped: () => false, onRow: () => undefined });
    writeResults(resultsPathOf(input), results, bad);
    expect(resultsPathOf(input)).toBe(path.join(folder, 'november.results.csv'));
    const written = parse(readFileSync(resultsPathOf(input), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(written.map((row) => [row.line, row.outcome])).toEqual([
      ['2', 'refunded'],
      ['3', 'refunded'],
      ['4', 'refused'],
      ['5', 'invalid'],
      ['6', 'invalid'],
      ['7', 'invalid'],
      ['8', 'refunded'],
      ['10', 'invalid'],
      ['11', 'invalid'],
      ['12', 'invalid'],
    ]);
    expect(written[2]?.message).toBe('INVALID_REQUEST: EUR allows at most 2 decimals.');
  });
});
