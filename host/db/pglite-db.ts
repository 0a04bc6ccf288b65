// Db over an embedded PGlite instance (in-memory). All work is serialized through one queue, so
// a read that holds the queue sees one state without a transaction; the read cache sits in front,
// and statements run prepared (pglite-statements.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, QueryResult, ReadOptions } from './db.js';
import { PreparedStatements } from './pglite-statements.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';
import { SerialQueue } from './serial-queue.js';
import { ReadCache, WriteInReadError, isPureRead } from './read-cache.js';


function parserOptions(): Record<number, (value: string) => unknown> {
  const parsers: Record<number, (value: string) => unknown> = { [INT8_OID]: parseInt8 };
  for (const oid of textTypeOids) parsers[oid] = (value: string) => value;
  return parsers;
}

/**
 * Session settings for a database that lives in this process's memory: commits need not wait
 * for the WAL to reach a file (there is no disk to survive a crash on; dump() checkpoints first),
 * and no statistics collector or activity view reads the counters (PGlite has no autovacuum).
 * Visibility and constraints are unaffected.
 */
const IN_MEMORY_SETTINGS = 'SET synchronous_commit = off; SET track_counts = off; SET track_activities = off;';

export async function createPglite(loadDataDir?: Blob | File): Promise<PGlite> {
  const pglite = await PGlite.create({ loadDataDir, parsers: parserOptions() });
  await pglite.exec(IN_MEMORY_SETTINGS);
  return pglite;
}

/** A Db bound to an open PGlite transaction: no queueing (the queue is already held). */
function transactionDb(tx: Transaction, statements: PreparedStatements): Db {
  const db: Db = {
    query: (sql, params) => statements.query(sql, params),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(db),
    read: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}

/** A Db for Db.read while the queue is held: pure reads only, straight to PGlite. */
function readOnlyDb(statements: PreparedStatements): Db {
  const db: Db = {
    query: (sql, params) => (isPureRead(sql) ? statements.query(sql, params) : Promise.reject(new WriteInReadError())),
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

/** Writes before the first ANALYZE; each later one waits until the count of writes has doubled. */
export const FIRST_ANALYZE_AFTER = 64;

export class PgliteDb implements Db {
  private readonly queue = new SerialQueue();
  private writes = 0;
  private nextAnalyze = FIRST_ANALYZE_AFTER;
  /** Set inside transaction and read callbacks: a root call from there would wait on its own queue slot. */
  private readonly inTransaction = new AsyncLocalStorage<boolean>();
  readonly cache = new ReadCache();
  private readonly statements: PreparedStatements;
  private readonly reader: Db;

  constructor(readonly pglite: PGlite) {
    this.statements = new PreparedStatements(pglite);
    this.reader = readOnlyDb(this.statements);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return Promise.reject(new ReentrantQueryError());
    return this.queue.run(task);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const run = () => this.enqueue(() => this.statements.query<R>(sql, params));
    return isPureRead(sql) ? run() : this.write(run);
  }

  exec(sql: string): Promise<void> {
    return this.write(() =>
      this.enqueue(async () => {
        await this.pglite.exec(sql);
      }),
    );
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.write(() => this.enqueue(() => this.pglite.transaction((tx) => this.inTransaction.run(true, () => fn(transactionDb(tx, this.statements))))));
  }

  /** A statement or transaction that may write: the read cache forgets, and the statistics may be renewed. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await this.cache.write(run);
    } finally {
      this.noteWrite();
    }
  }

  /**
   * PGlite has no autovacuum, so nothing renews the planner's statistics as the tables grow, and a
   * prepared statement keeps the generic plan it chose while they were small: after a few thousand
   * POSTs a GET-many page whose read cache entry was gone took seconds (its child-row queries
   * scanned every child row, planned for the seeded handful). So, as autovacuum's auto-analyze
   * would, every time the count of writes doubles an ANALYZE is queued behind the write (not
   * awaited by it): it changes no data, so the read cache stays, and it invalidates the cached
   * plans, which are then made again from the new statistics.
   */
  private noteWrite(): void {
    if (++this.writes < this.nextAnalyze) return;
    this.nextAnalyze = this.writes * 2;
    this.queue.run(() => this.analyze()).catch(() => undefined); // statistics are an optimisation: a failure (a closed database) changes no answer
  }

  /** The host's own tables, analyzed by name: a bare ANALYZE also walks every system catalog, many times the work. */
  private userTables?: string;

  private async analyze(): Promise<void> {
    if (this.userTables === undefined) {
      const { rows } = await this.pglite.query<{ tables: string | null }>(
        "SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      );
      this.userTables = rows[0]?.tables ?? '';
    }
    if (this.userTables) await this.pglite.exec(`ANALYZE ${this.userTables}`);
  }

  read<T>(fn: (db: Db) => Promise<T>, options: ReadOptions<T> = {}): Promise<T> {
    const run = () => this.enqueue(() => this.inTransaction.run(true, () => fn(this.reader)));
    return options.key === undefined ? run() : this.cache.read(options.key, run, options.weigh);
  }

  /**
   * The whole data directory as a tar image (used to start later hosts from a seeded copy). The
   * checkpoint writes every committed change (commits do not flush the WAL) into the files copied.
   */
  dump(): Promise<Blob | File> {
    return this.enqueue(async () => {
      await this.pglite.exec('CHECKPOINT');
      return this.pglite.dumpDataDir('none');
    });
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.enqueue(() => this.pglite.close());
  }
}
