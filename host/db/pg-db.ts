// Db over a PostgreSQL server through a node-postgres Pool: real concurrent transactions.
import pg from 'pg';
import type { Db, QueryResult } from './db.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';

const typeOverrides = new pg.TypeOverrides();
typeOverrides.setTypeParser(INT8_OID, parseInt8);
for (const oid of textTypeOids) typeOverrides.setTypeParser(oid, (value: string) => value);

type Queryable = pg.Pool | pg.PoolClient;

async function runQuery<R>(target: Queryable, sql: string, params?: unknown[]): Promise<QueryResult<R>> {
  const result = await target.query(sql, params as unknown[] | undefined);
  return { rows: result.rows as R[], affectedRows: result.rowCount ?? undefined };
}

function clientDb(client: pg.PoolClient): Db {
  return {
    query: (sql, params) => runQuery(client, sql, params),
    exec: async (sql) => {
      await client.query(sql);
    },
    // Nested transactions are flattened into the outer one.
    transaction: (fn) => fn(clientDb(client)),
    close: async () => undefined,
  };
}

export class PgPoolDb implements Db {
  readonly pool: pg.Pool;

  constructor(connectionString: string, max = 10) {
    this.pool = new pg.Pool({ connectionString, max, types: typeOverrides });
    // An idle client losing its connection must not crash the host process.
    this.pool.on('error', () => undefined);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return runQuery<R>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
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
    return this.pool.end();
  }
}
