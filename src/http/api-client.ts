// The client specs use: resolves paths below a base URL, adds the bearer token (when it has a token
// source), renews it once on 401 'Invalid token', and hands every exchange to an observer (the check
// runtime records and attaches it). Never throws for an HTTP status. Before each send it tells an
// announcer what is about to go out, so a write can be recorded ahead of its answer (the ledger).
import type { Exchange, RequestSpec } from './exchange.js';
import type { Transport } from './transport.js';
import { saysInvalidToken, type IssuedToken, type TokenSource } from './token-source.js';

export type ExchangeObserver = (exchange: Exchange) => void | Promise<void>;
/** Called before a request is sent; may throw (e.g. a skip) to stop it. */
export type RequestGuard = (method: string, url: string) => void;
/** Called right before each attempt is sent (after the guard), with the body as sent. */
export type RequestAnnouncer = (method: string, url: string, body: string | Uint8Array | undefined) => void;

export interface ApiClientOptions {
  transport: Transport;
  /** Paths are resolved below this (no trailing slash). Empty for the raw client: URLs must be absolute. */
  baseUrl: string;
  tokens?: TokenSource;
  observe?: ExchangeObserver;
  guard?: RequestGuard;
  announce?: RequestAnnouncer;
  /** Label for reports: which role this client acts as. */
  role?: string;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get role(): string | undefined {
    return this.options.role;
  }

  /** The current bearer token (fetching one if needed); for checks that must send it by hand. */
  async token(): Promise<string> {
    if (!this.options.tokens) throw new Error('this client sends no Authorization header');
    return this.options.tokens.token();
  }

  /** The current bearer token with when it was asked for and the `expires_in` its issue announced. */
  async issuedToken(): Promise<IssuedToken> {
    if (!this.options.tokens) throw new Error('this client sends no Authorization header');
    return this.options.tokens.issued();
  }

  async request(spec: RequestSpec): Promise<Exchange> {
    const url = this.resolveUrl(spec);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body = spec.body;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      if (value === undefined) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const method = (spec.method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase();
    const explicitAuth = spec.headers && Object.keys(spec.headers).some((h) => h.toLowerCase() === 'authorization');

    this.options.guard?.(method, url);
    const send = async (): Promise<{ ex: Exchange; token?: string }> => {
      let token: string | undefined;
      if (this.options.tokens && !explicitAuth) {
        token = await this.options.tokens.token();
        headers.authorization = `Bearer ${token}`;
      }
      this.options.announce?.(method, url, body);
      const ex = await this.options.transport.send({ method, url, headers: { ...headers }, body });
      return { ex, token };
    };

    let { ex, token } = await send();
    if (token && spec.renewOnInvalidToken !== false && saysInvalidToken(ex.status, ex.json)) {
      await this.options.observe?.(ex);
      this.options.tokens!.invalidate(token);
      ({ ex } = await send());
    }
    await this.options.observe?.(ex);
    return ex;
  }

  get(path: string, spec: Omit<RequestSpec, 'path' | 'method'> = {}): Promise<Exchange> {
    return this.request({ ...spec, method: 'GET', path });
  }
  post(path: string, json: unknown, spec: Omit<RequestSpec, 'path' | 'method' | 'json'> = {}): Promise<Exchange> {
    return this.request({ ...spec, method: 'POST', path, json });
  }
  put(path: string, json: unknown, spec: Omit<RequestSpec, 'path' | 'method' | 'json'> = {}): Promise<Exchange> {
    return this.request({ ...spec, method: 'PUT', path, json });
  }
  delete(path: string, spec: Omit<RequestSpec, 'path' | 'method'> = {}): Promise<Exchange> {
    return this.request({ ...spec, method: 'DELETE', path });
  }

  /** A copy of this client that reports exchanges to a different observer. */
  withObserver(observe: ExchangeObserver | undefined): ApiClient {
    return new ApiClient({ ...this.options, observe });
  }

  private resolveUrl(spec: RequestSpec): string {
    let url: string;
    if (spec.url) url = spec.url;
    else if (spec.path !== undefined) {
      if (/^https?:\/\//i.test(spec.path)) url = spec.path;
      else if (!this.options.baseUrl) throw new Error(`a relative path needs a client with a base URL: ${spec.path}`);
      else url = this.options.baseUrl + (spec.path.startsWith('/') ? spec.path : `/${spec.path}`);
    } else url = this.options.baseUrl;
    if (spec.query) {
      const u = new URL(url);
      for (const [k, v] of Object.entries(spec.query)) if (v !== undefined) u.searchParams.set(k, String(v));
      url = u.toString();
    }
    return url;
  }
}
