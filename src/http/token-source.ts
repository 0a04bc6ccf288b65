// Bearer tokens for one client: fetched once (client_credentials, Basic auth), cached until shortly
// before expiry, renewed on demand after a 401 'Invalid token'. Concurrent callers share one fetch.
import { TokenRequestError } from '../errors.js';
import { registerSecret } from '../report/redact.js';
import type { Transport } from './transport.js';

export interface ClientCredentials {
  key: string;
  secret: string;
}

interface CachedToken extends IssuedToken {
  /** Epoch ms after which we stop using it. */
  renewAt: number;
}

/** A token with what its issue said about its lifetime (for checks of its expiry). */
export interface IssuedToken {
  value: string;
  /** Epoch ms when the token request was sent: the token cannot be older. */
  requestedAt: number;
  /** Epoch ms when the token answer arrived: the token cannot be younger (a slow host issues late). */
  receivedAt: number;
  /** `expires_in` as the token endpoint sent it (not checked: that is the token checks' job). */
  expiresIn: unknown;
}

export class TokenSource {
  private cached?: CachedToken;
  private pending?: Promise<string>;
  /** Tokens fetched so far (tests and the request count use it). */
  fetched = 0;

  constructor(
    private readonly transport: Transport,
    private readonly tokenUrl: string,
    private readonly credentials: ClientCredentials,
    private readonly now: () => number = Date.now,
  ) {
    registerSecret(credentials.secret);
    registerSecret(basic(credentials));
  }

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The current token (fetching one if needed) with when it was asked for and its announced lifetime. */
  async issued(): Promise<IssuedToken> {
    const value = await this.token();
    const cached = this.cached;
    // A concurrent renewal may have replaced it meanwhile; then the value is all that is known.
    if (cached?.value !== value) return { value, requestedAt: Number.NaN, receivedAt: Number.NaN, expiresIn: undefined };
    return { value, requestedAt: cached.requestedAt, receivedAt: cached.receivedAt, expiresIn: cached.expiresIn };
  }

  /** Forget the cached token (after the target said it is invalid). */
  invalidate(rejected?: string): void {
    if (!rejected || this.cached?.value === rejected) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const started = this.now();
    const ex = await this.transport.send({
      method: 'POST',
      url: this.tokenUrl,
      headers: {
        authorization: `Basic ${basic(this.credentials)}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    this.fetched++;
    const body = ex.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (ex.status !== 200 || typeof body?.access_token !== 'string' || body.access_token === '') {
      const reason = (ex.json as { error?: string } | undefined)?.error;
      throw new TokenRequestError(
        `The token endpoint answered ${ex.status}${reason ? ` (${reason})` : ''} instead of a token`,
        ex.status,
      );
    }
    registerSecret(body.access_token);
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 1800) * 1000;
    // Renew a little early: 10% of the lifetime, at most 30 s, so even a 2-second token is reused.
    const margin = Math.min(30_000, lifetimeMs * 0.1);
    this.cached = { value: body.access_token, renewAt: started + lifetimeMs - margin, requestedAt: started, receivedAt: this.now(), expiresIn: body.expires_in };
    return body.access_token;
  }
}

function basic(c: ClientCredentials): string {
  return Buffer.from(`${c.key}:${c.secret}`).toString('base64');
}

/** ODS reports both expired and unknown tokens as 401 with errors ['Invalid token']. */
export function saysInvalidToken(status: number, json: unknown): boolean {
  if (status !== 401) return false;
  const errors = (json as { errors?: unknown } | undefined)?.errors;
  const text = Array.isArray(errors) ? errors.join(' ') : JSON.stringify(json ?? '');
  return /invalid token/i.test(text);
}
