// Per-worker HTTP state: one transport (one undici Agent, its requests gated by the run-wide
// concurrency cap) and one token source per (target, role), so each worker fetches each token
// once and reuses it across checks. Kept per run: a batch's runs share a worker (src/cli/batch.ts).
import { runContract } from '../contract/contract-sources.js';
import { ApiClient, type ExchangeObserver, type RequestAnnouncer, type RequestGuard } from '../http/api-client.js';
import { TokenSource } from '../http/token-source.js';
import type { Transport } from '../http/transport.js';
import type { TargetName } from '../fixtures/ledger.js';
import { WorkerGate } from './permits.js';
import { WriteMarkingTransport } from './write-scope.js';
import { registerSecret } from '../report/redact.js';
import type { Credentials, Role, RunContext, TargetInfo } from './run-context.js';

export type ClientRole = 'full' | Role;

/**
 * A worker's slice of the run-wide cap: an equal share, and one more for the first `cap % workers`
 * workers, so the slices add up to exactly --max-concurrency (8 over 3 workers: 3, 3, 2) and
 * never more. `poolId` is the worker's number, 1..workers (vitest's VITEST_POOL_ID: a number is
 * held by one live worker at a time); without a usable one a worker takes the plain share. The run
 * starts at most as many workers as the cap, so each gets at least one.
 */
export function perWorkerCap(maxConcurrency: number, workers: number, poolId?: number): number {
  const n = Math.max(1, workers);
  const share = Math.max(1, Math.floor(maxConcurrency / n));
  const extra = maxConcurrency >= n && poolId !== undefined && Number.isInteger(poolId) && poolId >= 1 && poolId <= maxConcurrency % n ? 1 : 0;
  return share + extra;
}

/** This worker's number in the pool (1..maxWorkers), when vitest gave it one. */
function poolIdOfThisWorker(): number | undefined {
  const raw = process.env.VITEST_POOL_ID;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

export class WorkerClients {
  readonly transport: Transport;
  /** The transport's gate: t.exclusive and t.withoutOtherWrites hold it. */
  readonly gate: WorkerGate;
  private readonly tokens = new Map<string, TokenSource>();

  constructor(private readonly ctx: RunContext) {
    // The run-wide cap is one counter shared by the workers (permits.ts): a worker may use every
    // slot the others leave idle. Its static slice is the fallback when the runner hosts no counter.
    const cap = ctx.settings.maxConcurrency;
    const slice = perWorkerCap(cap, ctx.settings.workers ?? 1, poolIdOfThisWorker());
    // Exchanges are labelled by the committed 7.3 contract plus any resource the target's own
    // OpenAPI adds (src/contract/contract-sources.ts).
    // Its requests are marked for the write holds by the run's token and availableChangeVersions URLs.
    this.gate = new WorkerGate(ctx.runId, cap, slice);
    const targets = [ctx.main, ctx.secondary.snapshot, ctx.secondary.changeQueriesDisabled].filter((x): x is TargetInfo => x !== undefined);
    this.transport = new WriteMarkingTransport(
      { timeoutMs: ctx.settings.timeoutMs, maxConcurrency: cap, gate: this.gate, contract: runContract(ctx.openApiDocumentPath) },
      { token: targets.map((x) => x.urls.token), availableChangeVersions: targets.flatMap((x) => x.urls.availableChangeVersions ?? []) },
    );
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

/** One per run this worker serves (a batch's runs share the worker, each with its own target and cap). */
const shared = new Map<string, WorkerClients>();

export function workerClients(ctx: RunContext): WorkerClients {
  let clients = shared.get(ctx.runId);
  if (!clients) {
    clients = new WorkerClients(ctx);
    shared.set(ctx.runId, clients);
  }
  return clients;
}

export async function closeWorkerClients(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((c) => c.close()));
}
