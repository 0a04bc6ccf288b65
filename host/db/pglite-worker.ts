// The embedded database's own thread. PGlite (PostgreSQL compiled to WASM) runs here, not on the
// host's thread: a write's SQL is about half of its CPU, and here it overlaps the HTTP, JSON and
// validation work of the requests queued behind it. The host's side (pglite-thread.ts) sends one
// request at a time (its SerialQueue holds the single connection), so nothing here interleaves.
// Started through pglite-thread.ts; this module does nothing when imported on a main thread.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PreparedStatements } from './pglite-statements.js';
import { INT8_OID, parseInt8, textTypeOids } from './type-parsers.js';
import { PGLITE_WORKER_FLAG } from './pglite-thread.js';

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  /** PGlite's own query(), unprepared: tests compare the prepared path against it. */
  | { id: number; op: 'plainQuery'; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin' | 'commit' | 'rollback' | 'dump' | 'close' };

/** An error crosses the thread as its own properties (code, constraint, …), which cloning would drop. */
export interface ErrorFields {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export type WorkerReply = { id: number; value?: unknown; error?: ErrorFields } | { ready: true } | { failed: ErrorFields };

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

async function serve(image: ArrayBuffer | undefined): Promise<void> {
  const port = parentPort!;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ loadDataDir: image ? new Blob([image]) : undefined, parsers: parserOptions() });
    await pglite.exec(IN_MEMORY_SETTINGS);
  } catch (error) {
    port.postMessage({ failed: errorFields(error) } satisfies WorkerReply);
    return;
  }
  const statements = new PreparedStatements(pglite);

  async function run(request: WorkerRequest): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
    switch (request.op) {
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

  // One request at a time, in arrival order, even if a caller did not wait for the previous one.
  let tail: Promise<void> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    tail = tail.then(async () => {
      try {
        const { value, transfer } = await run(request);
        port.postMessage({ id: request.id, value } satisfies WorkerReply, transfer ?? []);
      } catch (error) {
        port.postMessage({ id: request.id, error: errorFields(error) } satisfies WorkerReply);
      }
    });
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[PGLITE_WORKER_FLAG]) {
  void serve((workerData as { image?: ArrayBuffer }).image);
}
