// The only module in src/ that knows the reference host: with no --base-url the run starts it
// (a main host, one with a snapshot, one with change queries disabled, so every check has a
// target) and fills the role credentials from the host's seeded clients.
//
// The hosts run in a worker thread of their own: the runner's main thread is busy with vitest's
// reporters (Allure files, JUnit, progress), and a host sharing that event loop answers slowly.
// This same file is the worker's entry point (below), so the host stays imported from here only.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Credentials, Role } from '../runtime/run-context.js';

interface RunningHost {
  baseUrl: string;
  clients: Record<'full' | Role, Credentials>;
  stop(): Promise<void>;
}

interface HostModule {
  startHost(options: { port?: number; hostname?: string; changeQueries?: boolean; snapshot?: boolean; quiet?: boolean }): Promise<RunningHost>;
}

type HostInfo = Omit<RunningHost, 'stop'>;

export interface EmbeddedHosts {
  main: HostInfo;
  snapshot?: HostInfo;
  changeQueriesDisabled?: HostInfo;
  stop(): Promise<void>;
}

type FromWorker = { started: { main: HostInfo; snapshot?: HostInfo; changeQueriesDisabled?: HostInfo } } | { failed: string } | { stopped: true };

const WORKER_FLAG = 'edfiEmbeddedHosts';

async function loadHost(): Promise<HostModule> {
  // Loaded inside the worker only; the main thread never evaluates the host's modules.
  return (await import('../../host/index.js')) as unknown as HostModule;
}

/** Worker side: start the hosts, report their URLs and clients, stop them when asked. */
async function serveInWorker(secondary: boolean): Promise<void> {
  const port = parentPort!;
  const started: RunningHost[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(started.map((h) => h.stop()));
  };
  port.on('message', (msg: { stop?: true }) => {
    if (msg.stop) void stopAll().then(() => port.postMessage({ stopped: true } satisfies FromWorker));
  });
  try {
    const { startHost } = await loadHost();
    // All three at once: the first builds the seeded database image, the others load it as soon
    // as it exists, so the secondary hosts cost little more than the main one.
    const track = (h: Promise<RunningHost>): Promise<RunningHost> => h.then((host) => (started.push(host), host));
    const base = { port: 0, hostname: '127.0.0.1', quiet: true };
    const [main, snapshot, changeQueriesDisabled] = await Promise.all([
      track(startHost(base)),
      secondary ? track(startHost({ ...base, snapshot: true })) : undefined,
      secondary ? track(startHost({ ...base, changeQueries: false })) : undefined,
    ]);
    const info = (h: RunningHost | undefined): HostInfo | undefined => (h ? { baseUrl: h.baseUrl, clients: h.clients } : undefined);
    port.postMessage({ started: { main: info(main)!, snapshot: info(snapshot), changeQueriesDisabled: info(changeQueriesDisabled) } } satisfies FromWorker);
  } catch (error) {
    await stopAll();
    port.postMessage({ failed: (error as Error)?.message ?? String(error) } satisfies FromWorker);
  }
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  void serveInWorker((workerData as { secondary: boolean }).secondary);
}

/** Main side: start the worker and wait for the hosts. */
export function startEmbeddedHosts(options: { secondary?: boolean } = {}): Promise<EmbeddedHosts> {
  // The worker loads TypeScript (this file, then the host) through tsx's register API: loader
  // flags given to a Worker are not applied to its own entry module on Node 20.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData: { [WORKER_FLAG]: true, secondary: options.secondary !== false },
  });
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (): void => void worker.terminate().then(() => resolve());
      const timer = setTimeout(done, 10_000);
      worker.on('message', (msg: FromWorker) => {
        if ('stopped' in msg) {
          clearTimeout(timer);
          done();
        }
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ stop: true });
    });
  return new Promise((resolve, reject) => {
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => reject(new Error(`the host worker exited (${code}) before the hosts started`)));
    worker.on('message', (msg: FromWorker) => {
      if ('started' in msg) resolve({ ...msg.started, stop });
      else if ('failed' in msg) void worker.terminate().then(() => reject(new Error(msg.failed)));
    });
  });
}
