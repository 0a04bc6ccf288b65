// One narrow database interface over PGlite (embedded) and node-postgres (a server), so every
// query in the host runs unchanged on both engines.
export interface QueryResult<R> {
  rows: R[];
  affectedRows?: number;
}

export interface Db {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; rolls back when fn throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
