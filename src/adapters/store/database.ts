/** The little of SQL the ledger needs, over a `pg` pool. */
export interface SqlExecutor {
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends SqlExecutor {
  /**
   * For statements that record what already happened at a provider: connections of their own, so a queue of
   * new refunds waiting for the pool never holds up the outcome of one already sent.
   */
  readonly urgent: SqlExecutor;
  /**
   * For the answer a provider gave to our own request, recorded by its sender: connections of their own whose
   * commits do not wait for the disk (synchronous_commit off). A database crash can lose the last few tenths
   * of a second of them; the attempt is then still in flight in the ledger, and the resolver asks the provider
   * again, which is the truth about money (design §3). The reservation before the call stays fully durable,
   * and any later durable commit makes these durable too (the WAL is written in order).
   */
  readonly outcomes: SqlExecutor;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. `lock` takes a
   * transaction-level advisory lock (two int4 keys) in the same round trip as BEGIN, before any statement of
   * `work` takes its snapshot.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: { readonly lock?: AdvisoryLock }): Promise<T>;
  close(): Promise<void>;
}

/** Two int4 keys: a class of lock (our constant) and the thing locked (a hash of its id). */
export type AdvisoryLock = readonly [number, number];

/** Postgres type OID of int8/bigint: parsed to a JS bigint, never to a number. */
export const INT8_OID = 20;
