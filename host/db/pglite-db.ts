// Db over an embedded PGlite instance (in-memory). All work is serialized through one queue.
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, QueryResult } from './db.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';
import { SerialQueue } from './serial-queue.js';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function parserOptions(): Record<number, (value: string) => unknown> {
  const parsers: Record<number, (value: string) => unknown> = { [INT8_OID]: parseInt8 };
  for (const oid of textTypeOids) parsers[oid] = (value: string) => value;
  return parsers;
}

export async function createPglite(loadDataDir?: Blob | File): Promise<PGlite> {
  return PGlite.create({ loadDataDir, parsers: parserOptions() });
}

async function runQuery<R>(target: PgliteLike, sql: string, params?: unknown[]): Promise<QueryResult<R>> {
  const result = await target.query<R>(sql, params);
  return { rows: result.rows, affectedRows: result.affectedRows };
}

/** A Db bound to an open PGlite transaction: no queueing (the queue is already held). */
function transactionDb(tx: Transaction): Db {
  return {
    query: (sql, params) => runQuery(tx, sql, params),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(transactionDb(tx)),
    close: async () => undefined,
  };
}

export class ReentrantQueryError extends Error {
  constructor() {
    super('The root Db was used inside one of its own transactions; use the transaction handle (tx) instead. On PGlite this would wait forever.');
    this.name = 'ReentrantQueryError';
  }
}

export class PgliteDb implements Db {
  private readonly queue = new SerialQueue();
  /** Set inside transaction callbacks: a root call from there would wait on its own queue slot. */
  private readonly inTransaction = new AsyncLocalStorage<boolean>();

  constructor(readonly pglite: PGlite) {}

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return Promise.reject(new ReentrantQueryError());
    return this.queue.run(task);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.enqueue(() => runQuery<R>(this.pglite, sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.enqueue(async () => {
      await this.pglite.exec(sql);
    });
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.enqueue(() => this.pglite.transaction((tx) => this.inTransaction.run(true, () => fn(transactionDb(tx)))));
  }

  /** The whole data directory as a tar image (used to start later hosts from a seeded copy). */
  dump(): Promise<Blob | File> {
    return this.enqueue(() => this.pglite.dumpDataDir('none'));
  }

  close(): Promise<void> {
    return this.enqueue(() => this.pglite.close());
  }
}
