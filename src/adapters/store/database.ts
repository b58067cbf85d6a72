/** The little of SQL the ledger needs, over a `pg` pool. */
export interface SqlExecutor {
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres type OID of int8/bigint: parsed to a JS bigint, never to a number. */
export const INT8_OID = 20;
