// The embedded databases' own thread. PGlite (PostgreSQL compiled to WASM) runs here, not on the
// host's thread: a write's SQL is about half of its CPU, and here it overlaps the HTTP, JSON and
// validation work of the requests queued behind it. One thread serves every PGlite database of
// the process (a thread costs a second of start-up: loading PGlite and compiling its WASM), each
// database under its own number. The host's side (pglite-thread.ts) sends a database one request
// at a time (its SerialQueue holds the single connection); requests of one database are still run
// here strictly in arrival order.
// Started through pglite-thread.ts; this module does nothing when imported elsewhere.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PreparedStatements } from './pglite-statements.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';
import { PGLITE_WORKER_FLAG } from './pglite-thread.js';

export type WorkerRequest = { id: number; db: number } & (
  | /** A data-directory image (tar) to start from; an empty cluster (initdb) without one. */ { op: 'open'; image?: ArrayBuffer }
  | { op: 'query'; sql: string; params?: unknown[] }
  /** PGlite's own query(), unprepared: tests compare the prepared path against it. */
  | { op: 'plainQuery'; sql: string; params?: unknown[] }
  | { op: 'exec'; sql: string }
  | { op: 'begin' | 'commit' | 'rollback' | 'dump' | 'close' }
);

/** An error crosses the thread as its own properties (code, constraint, …), which cloning would drop. */
export interface ErrorFields {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export interface WorkerReply {
  id: number;
  value?: unknown;
  error?: ErrorFields;
}

function parserOptions(): Record<number, (value: string) => unknown> {
  const parsers: Record<number, (value: string) => unknown> = { [INT8_OID]: parseInt8 };
  for (const oid of textTypeOids) parsers[oid] = (value: string) => value;
  return parsers;
}

/**
 * Session settings for a database that lives in this process's memory: commits need not wait
 * for the WAL to reach a file (there is no disk to survive a crash on; dump checkpoints first),
 * and no statistics collector or activity view reads the counters (PGlite has no autovacuum).
 * Visibility and constraints are unaffected.
 */
const IN_MEMORY_SETTINGS = 'SET synchronous_commit = off; SET track_counts = off; SET track_activities = off;';

function errorFields(error: unknown): ErrorFields {
  if (error instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(error)) if (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    return { name: error.name, message: error.message, fields };
  }
  return { name: 'Error', message: String(error), fields: {} };
}

interface Database {
  pglite: PGlite;
  statements: PreparedStatements;
}

async function open(image: ArrayBuffer | undefined): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: image ? new Blob([image]) : undefined, parsers: parserOptions() });
  await pglite.exec(IN_MEMORY_SETTINGS);
  return { pglite, statements: new PreparedStatements(pglite) };
}

async function run(database: Database, request: WorkerRequest): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  const { pglite, statements } = database;
  switch (request.op) {
    case 'open':
      throw new Error('The database is open already.');
    case 'query':
      return { value: await statements.query(request.sql, request.params) };
    case 'plainQuery': {
      const result = await pglite.query(request.sql, request.params);
      return { value: { rows: result.rows, affectedRows: result.affectedRows } };
    }
    case 'exec':
      await pglite.exec(request.sql);
      return { value: undefined };
    case 'begin':
      await pglite.exec('BEGIN');
      return { value: undefined };
    case 'commit': {
      // As PGlite's transaction(): COMMIT of a transaction that failed inside reports ROLLBACK.
      const [result] = await pglite.exec('COMMIT');
      if (result?.command === 'ROLLBACK') throw new Error('The transaction was rolled back: a statement inside it failed.');
      return { value: undefined };
    }
    case 'rollback':
      await pglite.exec('ROLLBACK');
      return { value: undefined };
    case 'dump': {
      // Commits do not flush the WAL: the checkpoint writes every committed change into the files copied.
      await pglite.exec('CHECKPOINT');
      const bytes = await (await pglite.dumpDataDir('none')).arrayBuffer();
      return { value: bytes, transfer: [bytes] };
    }
    case 'close':
      await pglite.close();
      return { value: undefined };
  }
}

function serve(): void {
  const port = parentPort!;
  /** Each database's open PGlite (a promise while it opens) and the tail of its requests. */
  const databases = new Map<number, { database: Promise<Database>; tail: Promise<void> }>();

  port.on('message', (request: WorkerRequest) => {
    let entry = databases.get(request.db);
    if (request.op === 'open' && !entry) {
      entry = { database: open(request.image), tail: Promise.resolve() };
      entry.database.catch(() => databases.delete(request.db));
      databases.set(request.db, entry);
      entry.tail = entry.database.then(
        () => port.postMessage({ id: request.id } satisfies WorkerReply),
        (error: unknown) => port.postMessage({ id: request.id, error: errorFields(error) } satisfies WorkerReply),
      );
      return;
    }
    if (!entry) {
      port.postMessage({ id: request.id, error: errorFields(new Error(`No open database ${request.db} in the PGlite thread.`)) } satisfies WorkerReply);
      return;
    }
    const { database } = entry;
    entry.tail = entry.tail.then(async () => {
      try {
        const { value, transfer } = await run(await database, request);
        if (request.op === 'close') databases.delete(request.db);
        port.postMessage({ id: request.id, value } satisfies WorkerReply, transfer ?? []);
      } catch (error) {
        port.postMessage({ id: request.id, error: errorFields(error) } satisfies WorkerReply);
      }
    });
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[PGLITE_WORKER_FLAG]) serve();
