// The PGlite adapter: serialized transactions (no interleaving), rollback on error, and a clear
// error instead of a silent deadlock when the root Db is used inside its own transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { openDatabase } from '../../host/db/open.js';
import { FIRST_ANALYZE_AFTER, ReentrantQueryError } from '../../host/db/pglite-db.js';

let db: Db;
beforeAll(async () => {
  db = await openDatabase();
  await db.exec('CREATE TABLE public.counter (n integer NOT NULL); INSERT INTO public.counter VALUES (0);');
});
afterAll(async () => db?.close());

describe('PgliteDb', () => {
  it('runs concurrent read-modify-write transactions one at a time (no lost update)', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM public.counter');
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.query('UPDATE public.counter SET n = $1', [rows[0].n + 1]);
        }),
      ),
    );
    expect((await db.query<{ n: number }>('SELECT n FROM public.counter')).rows[0].n).toBe(20);
  });

  it('rolls back when the callback throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE public.counter SET n = -1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query<{ n: number }>('SELECT n FROM public.counter')).rows[0].n).toBe(20);
  });

  it('refuses a root query inside its own transaction instead of waiting forever', async () => {
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toBeInstanceOf(ReentrantQueryError);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('hands back int8 as numbers and dates/timestamps as ISO text', async () => {
    const { rows } = await db.query<{ big: unknown; day: unknown; stamp: unknown }>(
      "SELECT 9007199254740::bigint AS big, DATE '2024-08-19' AS day, TIMESTAMP '2024-12-03 15:00:00.123456' AS stamp",
    );
    expect(rows[0]).toEqual({ big: 9007199254740, day: '2024-08-19', stamp: '2024-12-03 15:00:00.123456' });
  });

  it('renews the planner statistics of its own tables as writes add up (PGlite has no autovacuum)', async () => {
    // Without this a prepared statement keeps the plan chosen for a near-empty table: GET-many pages
    // took seconds after a few thousand POSTs. The host queues an ANALYZE whenever its count of
    // writes doubles; reltuples (-1 or 0 before any ANALYZE) then follows the table's growth.
    await db.exec('CREATE TABLE public.grows (n integer NOT NULL)');
    const statistics = async () =>
      (await db.query<{ reltuples: number }>("SELECT reltuples::int AS reltuples FROM pg_class WHERE oid = 'public.grows'::regclass")).rows[0].reltuples;
    expect(await statistics()).toBeLessThanOrEqual(0);
    for (let i = 0; i < FIRST_ANALYZE_AFTER * 4; i++) await db.query('INSERT INTO public.grows SELECT generate_series(1, 50)');
    // The ANALYZE is queued behind the write that triggered it; a read queued now runs after it.
    expect(await statistics()).toBeGreaterThanOrEqual(FIRST_ANALYZE_AFTER * 50);
  });
});
