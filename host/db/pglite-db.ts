// Db over an embedded PGlite instance (in-memory) that runs in a thread of its own
// (pglite-worker.ts, reached through pglite-thread.ts). All work is serialized through one queue
// here, so a read that holds the queue sees one state without a transaction; the read cache sits
// in front, and statements run prepared in the thread (pglite-statements.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, QueryResult, ReadOptions } from './db.js';
import { PgliteThread } from './pglite-thread.js';
import { SerialQueue } from './serial-queue.js';
import { ReadCache, WriteInReadError, isPureRead } from './read-cache.js';

/** A Db bound to an open transaction: no queueing (the queue is already held). */
function transactionDb(thread: PgliteThread): Db {
  const db: Db = {
    query: <R>(sql: string, params?: unknown[]) => thread.call<QueryResult<R>>({ op: 'query', sql, params }),
    exec: (sql) => thread.call<void>({ op: 'exec', sql }),
    transaction: (fn) => fn(db),
    read: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}

/** A Db for Db.read while the queue is held: pure reads only. */
function readOnlyDb(thread: PgliteThread): Db {
  const db: Db = {
    query: <R>(sql: string, params?: unknown[]) =>
      isPureRead(sql) ? thread.call<QueryResult<R>>({ op: 'query', sql, params }) : Promise.reject(new WriteInReadError()),
    exec: () => Promise.reject(new WriteInReadError()),
    transaction: () => Promise.reject(new WriteInReadError()),
    read: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}

export class ReentrantQueryError extends Error {
  constructor() {
    super('The root Db was used inside one of its own transactions; use the transaction handle (tx) instead. On PGlite this would wait forever.');
    this.name = 'ReentrantQueryError';
  }
}

export class PgliteDb implements Db {
  private readonly queue = new SerialQueue();
  /** Set inside transaction and read callbacks: a root call from there would wait on its own queue slot. */
  private readonly inTransaction = new AsyncLocalStorage<boolean>();
  readonly cache = new ReadCache();
  private readonly reader: Db;
  private readonly inTransactionDb: Db;
  /** PGlite's own query() (unprepared, in the thread): for tests that compare the prepared path with it. */
  readonly pglite: { query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> };

  private constructor(private readonly thread: PgliteThread) {
    this.reader = readOnlyDb(thread);
    this.inTransactionDb = transactionDb(thread);
    this.pglite = { query: (sql, params) => this.enqueue(() => thread.call({ op: 'plainQuery', sql, params })) };
  }

  /** Opens PGlite in its own thread on a data-directory image (a seeded copy), or on an empty cluster. */
  static async open(image?: Blob): Promise<PgliteDb> {
    return new PgliteDb(await PgliteThread.start(image));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return Promise.reject(new ReentrantQueryError());
    return this.queue.run(task);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const run = () => this.enqueue(() => this.thread.call<QueryResult<R>>({ op: 'query', sql, params }));
    return isPureRead(sql) ? run() : this.cache.write(run);
  }

  exec(sql: string): Promise<void> {
    return this.cache.write(() => this.enqueue(() => this.thread.call<void>({ op: 'exec', sql })));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.cache.write(() =>
      this.enqueue(async () => {
        await this.thread.call({ op: 'begin' });
        let result: T;
        try {
          result = await this.inTransaction.run(true, () => fn(this.inTransactionDb));
        } catch (error) {
          await this.thread.call({ op: 'rollback' });
          throw error;
        }
        await this.thread.call({ op: 'commit' });
        return result;
      }),
    );
  }

  read<T>(fn: (db: Db) => Promise<T>, options: ReadOptions<T> = {}): Promise<T> {
    const run = () => this.enqueue(() => this.inTransaction.run(true, () => fn(this.reader)));
    return options.key === undefined ? run() : this.cache.read(options.key, run, options.weigh);
  }

  /**
   * The whole data directory as a tar image (used to start later hosts from a seeded copy), with
   * every committed change checkpointed into it.
   */
  dump(): Promise<Blob> {
    return this.enqueue(async () => new Blob([await this.thread.call<ArrayBuffer>({ op: 'dump' })]));
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.enqueue(() => this.thread.close());
  }
}
