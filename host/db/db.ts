// One narrow database interface over PGlite (embedded) and node-postgres (a server), so every
// query in the host runs unchanged on both engines.
export interface QueryResult<R> {
  rows: R[];
  affectedRows?: number;
}

export interface ReadOptions<T> {
  /**
   * Remember the result under this key until the next write (read-cache.ts): later reads with
   * the same key return it (deep-frozen) without touching the database. The key must name
   * everything the result depends on besides the stored data (the SQL and its parameters).
   */
  key?: string;
  /** Items the result holds, for the cache's size bound (default 1). */
  weigh?: (value: T) => number;
}

export interface Db {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; rolls back when fn throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs fn with a handle whose queries all see one committed state and may not write (PGlite:
   * alone in the queue, no BEGIN/COMMIT; a server: a READ ONLY REPEATABLE READ transaction).
   * Inside a transaction it is fn(tx), never cached: the transaction may hold its own writes.
   */
  read<T>(fn: (db: Db) => Promise<T>, options?: ReadOptions<T>): Promise<T>;
  close(): Promise<void>;
}
