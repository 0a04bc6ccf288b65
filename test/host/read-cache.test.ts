// The read cache and the Db.read contract (host/db/read-cache.ts, db.ts): a keyed read is served
// from memory only while no write has happened since, a read that overlapped a write is never
// remembered, cached values are deep-frozen, reads cannot write, and PGlite's prepared statements
// answer exactly as PGlite's own query() does (rows, affected counts, error codes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { openDatabase } from '../../host/db/open.js';
import { PgliteDb } from '../../host/db/pglite-db.js';
import { ReadCache, WriteInReadError, isPureRead } from '../../host/db/read-cache.js';
import { isShared, renderedJson, shareValue } from '../../host/http/shared-json.js';

describe('isPureRead', () => {
  it.each([
    'SELECT 1',
    '  select id FROM edfi.session WHERE lastmodifieddate > now()',
    'WITH t AS (SELECT 1) SELECT * FROM t',
    'SELECT count(*) FROM tracked_changes_edfi.session WHERE isdeleted',
  ])('counts %j as a read', (sql) => expect(isPureRead(sql)).toBe(true));

  it.each([
    'INSERT INTO t VALUES (1)',
    'UPDATE t SET n = 1',
    'DELETE FROM t',
    'WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x',
    'SELECT * FROM edfi.session FOR UPDATE',
    'SELECT * FROM edfi.session s FOR NO KEY UPDATE',
    "SELECT setval('changes.changeversionsequence', 5)",
    "SELECT nextval('edfi.session_aggregateid_seq')",
    "SELECT set_config('edfi.freeze_changeversion', 'on', true)",
    'CHECKPOINT',
    'SET synchronous_commit = off',
  ])('counts %j as a possible write', (sql) => expect(isPureRead(sql)).toBe(false));
});

describe('ReadCache', () => {
  it('answers a key from memory until a write, then loads again', async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const first = await cache.read('k', load);
    expect(await cache.read('k', load)).toBe(first);
    await cache.write(async () => undefined);
    expect(await cache.read('k', load)).toEqual({ n: 2 });
    expect(loads).toBe(2);
  });

  it('never remembers a read that a write overlapped, at its start or during it', async () => {
    const cache = new ReadCache();
    let loads = 0;
    let finishWrite!: () => void;
    const writing = cache.write(() => new Promise<void>((resolve) => (finishWrite = resolve)));
    await cache.read('during', async () => ++loads);
    finishWrite();
    await writing;
    expect(cache.size).toBe(0);

    let finishLoad!: (n: number) => void;
    const reading = cache.read('k', () => new Promise<number>((resolve) => (finishLoad = resolve)));
    await cache.write(async () => undefined);
    finishLoad(1);
    expect(await reading).toBe(1);
    expect(cache.size).toBe(0);
    expect(await cache.read('k', async () => 2)).toBe(2);
  });

  it('drops the oldest results beyond its weight bound and refuses results heavier than the bound', async () => {
    const cache = new ReadCache(3);
    await cache.read('a', async () => [1, 2], (v) => v.length);
    await cache.read('b', async () => [3], (v) => v.length);
    await cache.read('c', async () => [4], (v) => v.length);
    expect(cache.size).toBe(2);
    expect(await cache.read('a', async () => ['reloaded'], (v) => v.length)).toEqual(['reloaded']);
    await cache.read('huge', async () => [1, 2, 3, 4], (v) => v.length);
    expect(await cache.read('huge', async () => ['reloaded'], (v) => v.length)).toEqual(['reloaded']);
  });

  it('deep-freezes what it hands out, so no request can change it for the next one', async () => {
    const cache = new ReadCache();
    const value = await cache.read('k', async () => ({ items: [{ name: 'a' }] }));
    expect(() => {
      (value.items[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => value.items.push({ name: 'b' })).toThrow(TypeError);
    expect(isShared(value.items[0])).toBe(true);
  });
});

describe('renderedJson', () => {
  it('renders a shared value once and any other value every time', () => {
    const shared = shareValue({ a: [1, 2] });
    expect(renderedJson(shared)).toBe(renderedJson(shared));
    expect(renderedJson(shared).toString('utf8')).toBe(JSON.stringify({ a: [1, 2] }, null, 2));
    const plain = { a: 1 };
    const before = renderedJson(plain).toString('utf8');
    plain.a = 2;
    expect(renderedJson(plain).toString('utf8')).not.toBe(before);
    expect(isShared(Object.freeze({ shallow: true }))).toBe(false);
  });
});

describe('Db.read on PGlite', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase();
    await db.exec('CREATE TABLE public.item (n integer PRIMARY KEY, label text NOT NULL); INSERT INTO public.item VALUES (1, $$one$$);');
  });
  afterAll(async () => db?.close());

  const labels = () =>
    db.read(async (reader) => (await reader.query<{ label: string }>('SELECT label FROM public.item ORDER BY n')).rows.map((row) => row.label), {
      key: 'labels',
    });

  it('serves a keyed read from the cache until any write, then sees the write', async () => {
    const first = await labels();
    expect(first).toEqual(['one']);
    expect(await labels()).toBe(first);
    await db.query('INSERT INTO public.item VALUES (2, $1)', ['two']);
    expect(await labels()).toEqual(['one', 'two']);
    await db.transaction(async (tx) => {
      await tx.query('UPDATE public.item SET label = $1 WHERE n = 1', ['uno']);
    });
    expect(await labels()).toEqual(['uno', 'two']);
    await db.exec('DELETE FROM public.item WHERE n = 2');
    expect(await labels()).toEqual(['uno']);
  });

  it('keeps the cache after plain reads, and forgets it after a failed write too', async () => {
    const first = await labels();
    await db.query('SELECT count(*) FROM public.item');
    expect(await labels()).toBe(first);
    await expect(db.query('INSERT INTO public.item VALUES (1, $1)', ['duplicate'])).rejects.toMatchObject({ code: '23505' });
    expect(await labels()).not.toBe(first);
  });

  it('refuses a write inside a read', async () => {
    await expect(db.read((reader) => reader.query('UPDATE public.item SET label = label'))).rejects.toBeInstanceOf(WriteInReadError);
    await expect(db.read((reader) => reader.exec('SELECT 1'))).rejects.toBeInstanceOf(WriteInReadError);
  });

  it('inside a transaction reads through it, uncached, and sees its own uncommitted writes', async () => {
    await labels();
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE public.item SET label = $1 WHERE n = 1', ['inside']);
        const seen = await tx.read(async (reader) => (await reader.query<{ label: string }>('SELECT label FROM public.item')).rows, { key: 'labels' });
        expect(seen).toEqual([{ label: 'inside' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await labels()).toEqual(['uno']);
  });
});

describe('prepared statements on PGlite', () => {
  let db: PgliteDb;
  beforeAll(async () => {
    db = (await openDatabase()) as PgliteDb;
    await db.exec('CREATE TABLE public.thing (n integer PRIMARY KEY, names text[], at timestamp(6), big bigint);');
  });
  afterAll(async () => db?.close());

  it('returns the rows and counts PGlite query() returns, on the first and on later runs', async () => {
    const insert = 'INSERT INTO public.thing VALUES ($1, $2, $3, $4) RETURNING n, names, at, big';
    for (let n = 1; n <= 3; n++) {
      const names = [`a "quoted", {braced} name ${n}`, 'plain'];
      const ours = await db.query(insert, [n, names, '2024-12-03 15:00:00.123456', 9007199254740]);
      expect(ours.affectedRows).toBe(1);
      expect(ours.rows).toEqual([{ n, names, at: '2024-12-03 15:00:00.123456', big: 9007199254740 }]);
    }
    const sql = 'SELECT n, names, at, big FROM public.thing WHERE n >= $1 ORDER BY n';
    const ours = await db.query(sql, [2]);
    const theirs = await db.pglite.query(sql, [2]);
    expect(ours.rows).toEqual(theirs.rows);
    expect((await db.query('UPDATE public.thing SET big = NULL WHERE n > $1', [0])).affectedRows).toBe(3);
    expect((await db.query(sql, [1])).rows.map((row) => row.big)).toEqual([null, null, null]);
  });

  it('keeps PostgreSQL error codes, and a failed statement does not break the next one', async () => {
    const insert = 'INSERT INTO public.thing (n) VALUES ($1)';
    await db.query(insert, [10]);
    await expect(db.query(insert, [10])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT nonsense FROM public.thing')).rejects.toMatchObject({ code: '42703' });
    await db.query(insert, [11]);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM public.thing WHERE n >= $1', [10])).rows[0].n).toBe(2);
  });
});
