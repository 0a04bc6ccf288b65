// The host's handle on the PGlite thread (pglite-worker.ts): starts it from a data-directory image
// (or empty), sends it one request at a time and turns its replies back into values and errors.
// The thread keeps the process alive only while a request is out, like a socket with a pending
// read, so a host that is never stopped does not hold its process open.
import { Worker } from 'node:worker_threads';
import type { ErrorFields, WorkerReply, WorkerRequest } from './pglite-worker.js';

export const PGLITE_WORKER_FLAG = 'edfiPgliteWorker';

/** A request's own fields: the id is added here. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export class PgliteThreadExitedError extends Error {
  constructor(code: number) {
    super(`The embedded database's thread stopped (exit code ${code}).`);
    this.name = 'PgliteThreadExitedError';
  }
}

/** The worker's error as the host's code expects it: same name, message, code and other fields. */
function rebuildError(fields: ErrorFields): Error {
  const error = new Error(fields.message);
  Object.assign(error, fields.fields);
  error.name = fields.name;
  return error;
}

export class PgliteThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if (!('id' in reply)) return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error) waiting.reject(rebuildError(reply.error));
      else waiting.resolve(reply.value);
    });
    // An exception that escaped the thread: its exit follows and fails what is pending.
    let crash: Error | undefined;
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      this.exited = crash ?? new PgliteThreadExitedError(code);
      for (const waiting of this.pending.values()) waiting.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Starts the thread and waits until PGlite is open on the image (an empty cluster without one). */
  static async start(image?: Blob): Promise<PgliteThread> {
    const bytes = image ? await image.arrayBuffer() : undefined;
    // The worker loads TypeScript through tsx's register API: loader flags given to a Worker are
    // not applied to its own entry module on Node 20 (as src/cli/embedded-host.ts does).
    const entry = new URL('./pglite-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { [PGLITE_WORKER_FLAG]: true, image: bytes },
      transferList: bytes ? [bytes] : [],
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply): void => {
        if ('ready' in reply) settle(() => resolve());
        else if ('failed' in reply) settle(() => reject(rebuildError(reply.failed)));
      };
      const onError = (error: Error): void => settle(() => reject(error));
      const onExit = (code: number): void => settle(() => reject(new PgliteThreadExitedError(code)));
      const settle = (done: () => void): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        done();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    worker.unref();
    return new PgliteThread(worker);
  }

  call<T>(request: Request): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  /** Closes PGlite, then ends the thread. */
  async close(): Promise<void> {
    try {
      if (!this.exited) await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}
