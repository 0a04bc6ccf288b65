// Db over a PostgreSQL server through a node-postgres Pool: real concurrent transactions, with
// the read cache in front of keyed reads (read-cache.ts brackets every write, so a read is only
// remembered when no write overlapped it).
import pg from 'pg';
import type { Db, QueryResult, ReadOptions } from './db.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';
import { ReadCache, isPureRead } from './read-cache.js';

const typeOverrides = new pg.TypeOverrides();
typeOverrides.setTypeParser(INT8_OID, parseInt8);
for (const oid of textTypeOids) typeOverrides.setTypeParser(oid, (value: string) => value);

type Queryable = pg.Pool | pg.PoolClient;

async function runQuery<R>(target: Queryable, sql: string, params?: unknown[]): Promise<QueryResult<R>> {
  const result = await target.query(sql, params as unknown[] | undefined);
  return { rows: result.rows as R[], affectedRows: result.rowCount ?? undefined };
}

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    query: (sql, params) => runQuery(client, sql, params),
    exec: async (sql) => {
      await client.query(sql);
    },
    // Nested transactions and reads are flattened into the outer transaction.
    transaction: (fn) => fn(db),
    read: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}

export class PgPoolDb implements Db {
  readonly pool: pg.Pool;
  readonly cache = new ReadCache();

  constructor(connectionString: string, max = 10) {
    this.pool = new pg.Pool({ connectionString, max, types: typeOverrides });
    // An idle client losing its connection must not crash the host process.
    this.pool.on('error', () => undefined);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return isPureRead(sql) ? runQuery<R>(this.pool, sql, params) : this.cache.write(() => runQuery<R>(this.pool, sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.cache.write(async () => {
      await this.pool.query(sql);
    });
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.cache.write(() => this.inTransaction('BEGIN', fn));
  }

  read<T>(fn: (db: Db) => Promise<T>, options: ReadOptions<T> = {}): Promise<T> {
    // The server refuses writes in a READ ONLY transaction; REPEATABLE READ gives every query one snapshot.
    const run = () => this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
    return options.key === undefined ? run() : this.cache.read(options.key, run, options.weigh);
  }

  private async inTransaction<T>(begin: string, fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await fn(clientDb(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.pool.end();
  }
}
