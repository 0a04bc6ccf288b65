// Bearer tokens in memory: 32 lowercase hex digits (an "N" GUID, as ODS issues), with an expiry
// judged by an injectable clock (startHost's `clock`), so expiry is tested without sleeping.
import { randomBytes } from 'node:crypto';
import type { AuthenticatedClient } from '../http/types.js';

interface TokenEntry {
  client: AuthenticatedClient;
  expiresAtMs: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  issue(client: AuthenticatedClient, lifetimeSeconds: number): string {
    this.dropExpired();
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { client, expiresAtMs: this.now() + lifetimeSeconds * 1000 });
    return token;
  }

  /** The client of a live token; undefined for unknown and expired tokens alike. */
  resolve(token: string, acceptExpired = false): AuthenticatedClient | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (acceptExpired) return entry.client;
    if (entry.expiresAtMs <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.client;
  }

  private dropExpired(): void {
    if (this.tokens.size < 1000) return;
    const now = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAtMs <= now) this.tokens.delete(token);
  }
}
