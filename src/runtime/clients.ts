// Per-worker HTTP state: one transport (one undici Agent with the concurrency cap) and one token
// source per (target, role), so each worker fetches each token once and reuses it across checks.
import { ApiClient, type ExchangeObserver, type RequestAnnouncer, type RequestGuard } from '../http/api-client.js';
import { TokenSource } from '../http/token-source.js';
import { Transport } from '../http/transport.js';
import type { TargetName } from '../fixtures/ledger.js';
import { registerSecret } from '../report/redact.js';
import type { Credentials, Role, RunContext, TargetInfo } from './run-context.js';

export type ClientRole = 'full' | Role;

/**
 * A worker's slice of the run-wide cap. Rounded down, so the workers together never hold more
 * than --max-concurrency requests in flight against the target (the run starts at most as many
 * workers as the cap, so each gets at least one).
 */
export function perWorkerCap(maxConcurrency: number, workers: number): number {
  return Math.max(1, Math.floor(maxConcurrency / Math.max(1, workers)));
}

export class WorkerClients {
  readonly transport: Transport;
  private readonly tokens = new Map<string, TokenSource>();

  constructor(private readonly ctx: RunContext) {
    // The run-wide cap is shared by the workers, each holding its slice.
    const perWorker = perWorkerCap(ctx.settings.maxConcurrency, ctx.settings.workers ?? 1);
    this.transport = new Transport({ timeoutMs: ctx.settings.timeoutMs, maxConcurrency: perWorker });
    for (const c of [ctx.main.credentials, ...Object.values(ctx.roles), ctx.secondary.snapshot?.credentials, ctx.secondary.changeQueriesDisabled?.credentials]) {
      registerSecret(c?.secret);
    }
  }

  targetInfo(target: TargetName): TargetInfo | undefined {
    if (target === 'main') return this.ctx.main;
    return this.ctx.secondary[target];
  }

  credentialsFor(target: TargetName, role: ClientRole): Credentials | undefined {
    if (role === 'full') return this.targetInfo(target)?.credentials;
    return target === 'main' ? this.ctx.roles[role] : undefined;
  }

  /** Client for the data API of a target as a role; undefined when that role is not configured. */
  api(target: TargetName, role: ClientRole, observe?: ExchangeObserver, guard?: RequestGuard, announce?: RequestAnnouncer): ApiClient | undefined {
    const info = this.targetInfo(target);
    const creds = this.credentialsFor(target, role);
    if (!info || !creds) return undefined;
    const key = `${target}|${role}`;
    let tokens = this.tokens.get(key);
    if (!tokens) {
      tokens = new TokenSource(this.transport, info.urls.token, creds);
      this.tokens.set(key, tokens);
    }
    return new ApiClient({ transport: this.transport, baseUrl: info.urls.data, tokens, observe, role, guard, announce });
  }

  /** No Authorization header; paths below the data root (t.anonymous). */
  anonymous(target: TargetName, observe?: ExchangeObserver, guard?: RequestGuard, announce?: RequestAnnouncer): ApiClient {
    return new ApiClient({ transport: this.transport, baseUrl: this.targetInfo(target)!.urls.data, observe, role: 'anonymous', guard, announce });
  }

  /** Raw: absolute URLs, no auth (t.http: token endpoint, discovery). */
  raw(observe?: ExchangeObserver, guard?: RequestGuard, announce?: RequestAnnouncer): ApiClient {
    return new ApiClient({ transport: this.transport, baseUrl: '', observe, role: 'raw', guard, announce });
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}

let shared: WorkerClients | undefined;

export function workerClients(ctx: RunContext): WorkerClients {
  shared ??= new WorkerClients(ctx);
  return shared;
}

export async function closeWorkerClients(): Promise<void> {
  const s = shared;
  shared = undefined;
  await s?.close();
}
