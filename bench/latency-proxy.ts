// A reverse proxy on 127.0.0.1 that makes a loopback host look remote, for bench/latency.ts: every
// response is held for a fixed delay before it is sent back. It counts requests and the most that
// were ever in flight at once — the suite's outstanding requests (arrival to the end of the delayed
// answer, the figure `--max-concurrency` promises to bound) and those at the target itself.
//
// The host names its own origin in the discovery document, the metadata index, the OpenAPI document
// and every Location header; the proxy rewrites that origin to its own in headers and bodies, so a
// run given only the proxy's URL never learns the target's and every request it makes comes through
// here (--token-url/--data-url overrides could redirect the discovery URLs, not Location headers).
// Started with `trace`, it also keeps every request's arrival and answer times (bench/latency-trace.ts).
//
// It runs in a worker thread of its own (this file is also the worker's entry): a network's delay
// does not grow when the client is busy, and the runner's main thread is busy with vitest reporters.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface ProxyStats {
  requests: number;
  /** Most requests the client had outstanding at once (counted from arrival to the delayed answer). */
  maxOutstanding: number;
  /** Most requests the target was working on at once. */
  maxAtTarget: number;
  /** Answers the target could not give (connection refused, reset): each became a 502. */
  upstreamErrors: number;
  /** The request and error of the last of them, to say which. */
  lastUpstreamError?: string;
  /** Responses that named the target's origin and were rewritten to the proxy's. */
  rewritten: number;
}

/** One request through the proxy, for EDFI_BENCH_TRACE: arrival and answer (epoch ms), method, path. */
export type TraceEntry = [arrived: number, answered: number, method: string, path: string];

export interface LatencyProxy {
  origin: string;
  stats(): Promise<ProxyStats>;
  /** Every request since the last reset, when the proxy was started with `trace` (else empty). */
  trace(): Promise<TraceEntry[]>;
  /** Zeroes the counters (between two runs through one proxy). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type ToWorker = { stats: true } | { trace: true } | { reset: true } | { close: true };
type FromWorker = { listening: string } | { stats: ProxyStats } | { trace: TraceEntry[] } | { reset: true } | { closed: true } | { failed: string };

const WORKER_FLAG = 'edfiLatencyProxy';
/** Hop-by-hop headers: they describe one connection, not the message, and are not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Worker side: listen, forward, delay, count. */
async function serve(target: string, delayMs: number, tracing: boolean): Promise<void> {
  const port = parentPort!;
  const targetUrl = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const stats: ProxyStats = { requests: 0, maxOutstanding: 0, maxAtTarget: 0, upstreamErrors: 0, rewritten: 0 };
  let outstanding = 0;
  let atTarget = 0;
  let origin = '';
  let trace: TraceEntry[] = [];

  const forward = (req: http.IncomingMessage, body: Buffer, retried = false): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
      headers.host = targetUrl.host;
      if (body.length > 0 || req.headers['content-length'] !== undefined) headers['content-length'] = body.length;
      const out = http.request({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the target closed as idle just as this request went out on it:
        // the target never saw the request, so it is sent once more on a fresh connection (the
        // retry node:http's documentation gives for reusedSocket), not counted as the target's error.
        if (!retried && out.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) forward(req, body, true).then(resolve, reject);
        else reject(error);
      });
      out.end(body);
    });

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    stats.requests++;
    stats.maxOutstanding = Math.max(stats.maxOutstanding, ++outstanding);
    const arrived = Date.now();
    res.on('close', () => {
      outstanding--;
      if (tracing) trace.push([arrived, Date.now(), req.method ?? '', req.url ?? '']);
    });
    void (async () => {
      const body = await readAll(req);
      stats.maxAtTarget = Math.max(stats.maxAtTarget, ++atTarget);
      let answer: Awaited<ReturnType<typeof forward>>;
      try {
        answer = await forward(req, body);
      } catch (error) {
        stats.upstreamErrors++;
        stats.lastUpstreamError = `${req.method} ${req.url}: ${(error as Error).message}`;
        answer = { status: 502, headers: {}, body: Buffer.alloc(0) };
      } finally {
        atTarget--;
      }
      let rewrote = false;
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (HOP_BY_HOP.has(name) || name === 'content-length' || value === undefined) continue;
        const text = Array.isArray(value) ? value : String(value);
        const swapped = Array.isArray(text) ? text.map((v) => v.split(target).join(origin)) : text.split(target).join(origin);
        rewrote ||= JSON.stringify(swapped) !== JSON.stringify(text);
        headers[name] = swapped;
      }
      let out = answer.body;
      if (out.includes(target)) {
        out = Buffer.from(out.toString('utf8').split(target).join(origin), 'utf8');
        rewrote = true;
      }
      if (rewrote) stats.rewritten++;
      // A HEAD answer keeps the target's Content-Length (the length of the GET body it stands for).
      headers['content-length'] = req.method === 'HEAD' ? (answer.headers['content-length'] ?? 0) : out.length;
      await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(answer.status, headers);
      res.end(req.method === 'HEAD' ? undefined : out);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  port.on('message', (msg: ToWorker) => {
    if ('stats' in msg) port.postMessage({ stats: { ...stats } } satisfies FromWorker);
    else if ('trace' in msg) port.postMessage({ trace } satisfies FromWorker);
    else if ('reset' in msg) {
      trace = [];
      Object.assign(stats, { requests: 0, maxOutstanding: outstanding, maxAtTarget: atTarget, upstreamErrors: 0, lastUpstreamError: undefined, rewritten: 0 });
      port.postMessage({ reset: true } satisfies FromWorker);
    } else if ('close' in msg) {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => port.postMessage({ closed: true } satisfies FromWorker));
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    port.postMessage({ listening: origin } satisfies FromWorker);
  } catch (error) {
    port.postMessage({ failed: (error as Error).message } satisfies FromWorker);
  }
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  const { target, delayMs, trace } = workerData as { target: string; delayMs: number; trace: boolean };
  void serve(target, delayMs, trace);
}

/**
 * Main side: start the proxy in its worker; `target` is the host's origin (no path, no trailing
 * slash); `trace` keeps every request's arrival and answer times for LatencyProxy.trace().
 */
export function startLatencyProxy(options: { target: string; delayMs: number; trace?: boolean }): Promise<LatencyProxy> {
  // Same bootstrap as src/cli/embedded-host.ts: tsx's register API loads this TypeScript file in the worker.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { [WORKER_FLAG]: true, target: options.target.replace(/\/+$/, ''), delayMs: options.delayMs, trace: options.trace ?? false } });
  const ask = <K extends 'stats' | 'trace' | 'reset' | 'closed'>(msg: ToWorker, key: K): Promise<Extract<FromWorker, Record<K, unknown>>> =>
    new Promise((resolve) => {
      const onMessage = (reply: FromWorker): void => {
        if (key in reply) {
          worker.off('message', onMessage);
          resolve(reply as Extract<FromWorker, Record<K, unknown>>);
        }
      };
      worker.on('message', onMessage);
      worker.postMessage(msg);
    });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: FromWorker) => {
      if ('failed' in msg) void worker.terminate().then(() => reject(new Error(msg.failed)));
      if (!('listening' in msg)) return;
      resolve({
        origin: msg.listening,
        stats: async () => (await ask({ stats: true }, 'stats')).stats,
        trace: async () => (await ask({ trace: true }, 'trace')).trace,
        reset: async () => void (await ask({ reset: true }, 'reset')),
        close: async () => {
          await Promise.race([ask({ close: true }, 'closed'), new Promise((r) => setTimeout(r, 5000))]);
          await worker.terminate();
        },
      });
    });
  });
}
