// Sends one request over undici with a per-request timeout, the concurrency cap, and bounded
// retries of 429/503 + Retry-After (throttling is the target protecting itself, never a
// conformance failure). Returns an Exchange for every answer, labelled with the contract operation
// it is for (by method and path template, whatever the resource); throws TransportError only when
// there is no answer at all.
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { HarnessError, TransportError } from '../errors.js';
import type { Exchange, ExchangeRequest } from './exchange.js';
import type { Contract } from '../contract/contract.js';
import { ods73Contract } from '../contract/contract-sources.js';
import { Limiter } from './limiter.js';
import { ExclusiveGate, type ExclusiveOptions, type Gate } from './gate.js';

export interface TransportOptions {
  timeoutMs: number;
  maxConcurrency: number;
  /** Injected in tests (MockAgent); default: one pooled Agent per transport. */
  dispatcher?: Dispatcher;
  maxRetries?: number;
  maxRetryWaitMs?: number;
  /** Labels each exchange with its operation; default the committed ODS/API 7.3 contract. */
  contract?: Contract;
  /** Replaces this transport's own cap with one shared beyond it (the run-wide permits of src/runtime/permits.ts). */
  gate?: Gate;
}

export class Transport {
  readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limiter: Gate;
  private readonly contract: Contract;
  /** Requests put on the wire, retries included. */
  sent = 0;

  constructor(private readonly options: TransportOptions) {
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.maxConcurrency,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        connectTimeout: options.timeoutMs,
        // Short keep-alive so a finished run never holds the event loop open for long.
        keepAliveTimeout: 1_000,
      });
    this.limiter = options.gate ?? new ExclusiveGate(new Limiter(Math.max(1, options.maxConcurrency)));
    this.contract = options.contract ?? ods73Contract();
  }

  async send(req: ExchangeRequest): Promise<Exchange> {
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWait = this.options.maxRetryWaitMs ?? 10_000;
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.limiter.run(() => this.once(req));
      exchange.retries = attempt;
      const wait = retryAfterMs(exchange);
      if (wait === undefined || attempt >= maxRetries) return exchange;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, maxWait)));
    }
  }

  /**
   * Runs `fn` with this transport to itself: every permit its gate stands for is held and only
   * requests made from `fn` go out until it settles (src/http/gate.ts).
   */
  exclusive<T>(fn: () => Promise<T>, options?: ExclusiveOptions): Promise<T> {
    // Running `fn` unheld would let a check believe it had the target to itself.
    if (!(this.limiter instanceof ExclusiveGate)) return Promise.reject(new HarnessError('this transport was given a gate without an exclusive mode'));
    return this.limiter.exclusive(fn, options);
  }

  private async once(req: ExchangeRequest): Promise<Exchange> {
    const started = performance.now();
    this.sent++;
    try {
      const res = await undiciRequest(req.url, {
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const text = await res.body.text();
      const headers = flattenHeaders(res.headers);
      return {
        request: req,
        status: res.statusCode,
        headers,
        text,
        json: parseJsonBody(headers['content-type'], text),
        durationMs: Math.round(performance.now() - started),
        operation: this.contract.classify(req.method, req.url)?.name,
        retries: 0,
      };
    } catch (error) {
      throw new TransportError(describeTransportFailure(req, error, this.options.timeoutMs), { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function parseJsonBody(contentType: string | undefined, text: string): unknown {
  if (!text || !contentType || !/[/+]json\b/i.test(contentType)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Milliseconds to wait before retrying, or undefined when this answer is not a retryable throttle. */
export function retryAfterMs(exchange: Pick<Exchange, 'status' | 'headers'>): number | undefined {
  if (exchange.status !== 429 && exchange.status !== 503) return undefined;
  const header = exchange.headers['retry-after'];
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeTransportFailure(req: ExchangeRequest, error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  const target = `${req.method} ${safeUrl(req.url)}`;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || /TIMEOUT/i.test(code ?? '')) {
    return `${target}: no answer within ${timeoutMs} ms`;
  }
  if (code === 'ECONNREFUSED') return `${target}: connection refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${target}: host name not found`;
  return `${target}: ${code ?? err.message ?? 'request failed'}`;
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
