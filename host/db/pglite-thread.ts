// The host's side of the PGlite thread (pglite-worker.ts): one thread per process, started on the
// first use and shared by every embedded database of the process; each PgliteConnection names
// its database in what it sends. Replies are matched to requests and turned back into values and
// errors. The thread keeps the process alive only while a request is out, like a socket with a
// pending read, so a host that is never stopped does not hold its process open.
import { Worker } from 'node:worker_threads';
import type { ErrorFields, WorkerReply, WorkerRequest } from './pglite-worker.js';

export const PGLITE_WORKER_FLAG = 'edfiPgliteWorker';

/** A request without the id and database number, which are added here. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id' | 'db'> : never) : never;

export class PgliteThreadExitedError extends Error {
  constructor(code: number) {
    super(`The embedded database's thread stopped (exit code ${code}).`);
    this.name = 'PgliteThreadExitedError';
  }
}

/** The thread's error as the host's code expects it: same name, message, code and other fields. */
function rebuildError(fields: ErrorFields): Error {
  const error = new Error(fields.message);
  Object.assign(error, fields.fields);
  error.name = fields.name;
  return error;
}

class PgliteThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited?: Error;
  private readonly worker: Worker;

  constructor(onExit: () => void) {
    // The thread loads TypeScript through tsx's register API: loader flags given to a Worker are
    // not applied to its own entry module on Node 20 (as src/cli/embedded-host.ts does).
    const entry = new URL('./pglite-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    this.worker = new Worker(bootstrap, { eval: true, workerData: { [PGLITE_WORKER_FLAG]: true } });
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error) waiting.reject(rebuildError(reply.error));
      else waiting.resolve(reply.value);
    });
    // An exception that escaped the thread (or a module it could not load): its exit follows.
    let crash: Error | undefined;
    this.worker.on('error', (error) => {
      crash = error;
    });
    this.worker.on('exit', (code) => {
      this.exited = crash ?? new PgliteThreadExitedError(code);
      for (const waiting of this.pending.values()) waiting.reject(this.exited);
      this.pending.clear();
      onExit();
    });
  }

  call<T>(db: number, request: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, id, db } as WorkerRequest, transfer);
    });
  }
}

let shared: PgliteThread | undefined;
let databases = 0;

/** The process's PGlite thread, started now if it is not running (a new one after a crash). */
function thread(): PgliteThread {
  shared ??= new PgliteThread(() => {
    shared = undefined;
  });
  return shared;
}

/** Starts the thread ahead of the first database, so its start-up overlaps the caller's own work. */
export function warmPgliteThread(): void {
  thread();
}

/** One embedded database in the PGlite thread. */
export class PgliteConnection {
  private constructor(
    private readonly owner: PgliteThread,
    private readonly db: number,
  ) {}

  /** Opens PGlite on a data-directory image (a seeded copy), or on an empty cluster without one. */
  static async open(image?: Blob): Promise<PgliteConnection> {
    const bytes = image ? await image.arrayBuffer() : undefined;
    const owner = thread();
    const db = ++databases;
    await owner.call(db, { op: 'open', image: bytes }, bytes ? [bytes] : []);
    return new PgliteConnection(owner, db);
  }

  call<T>(request: Request): Promise<T> {
    return this.owner.call<T>(this.db, request);
  }
}
