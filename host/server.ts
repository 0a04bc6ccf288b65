// The only module that touches sockets: parses node:http requests into HostRequest values,
// calls dispatch, and renders HostResponse values. It never crashes on any input: every failure
// becomes a problem-details response.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostRequest, HostResponse } from './http/types.js';
import { renderedJson } from './http/shared-json.js';
import { notFoundGeneric, payloadTooLarge, systemError } from './http/problems.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export type RequestDispatcher = (req: HostRequest) => Promise<HostResponse>;

export interface ServerOptions {
  port: number;
  hostname: string;
  dispatch: RequestDispatcher;
  /** Suppress stack traces of unexpected errors on stderr. */
  quiet: boolean;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath; // a malformed %-escape: keep the raw text; it will match no route
  }
}

export interface ParsedTarget {
  path: string;
  query: URLSearchParams;
}

/**
 * A request target the URL parser would leave exactly as it is: an absolute path of unreserved,
 * sub-delim, ':', '@', '%' and '/' characters with no dot segment and no leading '//', then an
 * optional query of the same characters plus '?' (no '#', space, quote, backslash, non-ASCII).
 * Splitting such a target at '?' gives what new URL() gives, without its cost on every request.
 */
const PLAIN_TARGET = /^\/(?!\/)(?:[A-Za-z0-9\-_~!$&'()*+,;=:@%/]|\.(?![./?]|$))*(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;

/** The decoded path and the query of a request target (undefined when it is no URL at all). */
export function parseTarget(rawUrl: string | undefined): ParsedTarget | undefined {
  // '%2e' is a dot too: '/a/%2e%2e/b' is '/b' to the URL parser.
  if (rawUrl !== undefined && PLAIN_TARGET.test(rawUrl) && !rawUrl.includes('/.') && !/%2e/i.test(rawUrl)) {
    const mark = rawUrl.indexOf('?');
    if (mark < 0) return { path: decodePath(rawUrl), query: new URLSearchParams() };
    return { path: decodePath(rawUrl.slice(0, mark)), query: new URLSearchParams(rawUrl.slice(mark + 1)) };
  }
  try {
    const url = new URL(rawUrl ?? '/', 'http://host.invalid');
    return { path: decodePath(url.pathname), query: url.searchParams };
  } catch {
    return undefined;
  }
}

export function correlationIdOf(headers: Record<string, string>, query: URLSearchParams): string {
  const fromHeader = headers['correlation-id']?.trim();
  if (fromHeader) return fromHeader;
  const fromQuery = query.get('correlationId')?.trim();
  if (fromQuery) return fromQuery;
  return randomUUID();
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that hangs up mid-body: nothing to answer (resolving twice is a no-op).
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

function renderBody(res: HostResponse): Buffer | undefined {
  if (res.body === undefined || res.status === 204 || res.status === 304) return undefined;
  if (Buffer.isBuffer(res.body)) return res.body;
  return renderedJson(res.body);
}

function send(out: http.ServerResponse, res: HostResponse): void {
  const body = renderBody(res);
  const headers: Record<string, string | number> = { ...(res.headers ?? {}) };
  if (body) {
    headers['Content-Type'] = res.contentType ?? 'application/json; charset=utf-8';
    headers['Content-Length'] = body.length;
  } else if (res.status !== 204 && res.status !== 304) {
    headers['Content-Length'] = 0;
  }
  out.writeHead(res.status, headers);
  out.end(body);
}

export class HostServer {
  private readonly server: http.Server;

  constructor(private readonly options: ServerOptions) {
    this.server = http.createServer({ keepAlive: true }, (req, res) => {
      void this.handle(req, res);
    });
    // Idle connections stay open a minute (nginx, in front of many ODS hosts, keeps them 75 s). With
    // Node's 5 s a client reusing a socket just as the host closed it got ECONNRESET on a POST or PUT,
    // which it must not resend: seen twice in a persona run with 2 cores at load 10–14, where both
    // event loops lag behind their keep-alive timers. stop() closes every connection, idle or not.
    this.server.keepAliveTimeout = 60_000;
    // Garbage on the wire (not HTTP at all) gets a plain 400 and a closed socket.
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  private logUnexpected(error: unknown): void {
    if (this.options.quiet) return;
    process.stderr.write(`[host] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }

  private async handle(req: http.IncomingMessage, out: http.ServerResponse): Promise<void> {
    let correlationId: string = randomUUID();
    try {
      const headers = flattenHeaders(req.headers);
      const target = parseTarget(req.url);
      const query = target?.query ?? new URLSearchParams();
      correlationId = correlationIdOf(headers, query);
      const body = await readBody(req);
      if (body === 'aborted') return;
      if (body === 'too-large') {
        send(out, { ...payloadTooLarge(correlationId, MAX_BODY_BYTES), headers: { Connection: 'close' } });
        return;
      }
      if (!target) {
        send(out, notFoundGeneric(correlationId));
        return;
      }
      const request: HostRequest = { method: (req.method ?? 'GET').toUpperCase(), path: target.path, query, headers, body, correlationId };
      send(out, await this.options.dispatch(request));
    } catch (error) {
      this.logUnexpected(error);
      if (!out.headersSent) send(out, systemError(correlationId));
      else out.destroy();
    }
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.hostname, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
