// startHost(opts): the embedded reference host (DESIGN.md "Reference host"). Opens and seeds the
// database, optionally takes a snapshot, wires the router (wrapped in the selected faults, if any)
// into a node:http server on 127.0.0.1, and returns the API root and the seeded client credentials.
// setFaults() switches the faults of a running host (the self-test reuses one host for many fault
// runs instead of opening and seeding a database for each).
import type { Db } from './db/db.js';
import { openDatabase } from './db/open.js';
import { ClientRegistry, type ClientCredentials } from './auth/clients.js';
import { TokenStore } from './auth/tokens.js';
import type { ClientRole, HostContext } from './http/types.js';
import { createDispatcher } from './router.js';
import { HostServer } from './server.js';
import { requireFaults, seamsFor, type BoundDispatch, type ComposedFaults } from './faults/index.js';
import { inspectHost, type HostInspector } from './inspect.js';
import { takeSnapshot } from './snapshot/index.js';

export type { ClientRole } from './http/types.js';
export type { HostInspector, StoredItem } from './inspect.js';
export { FaultCompositionError, UnknownFaultError } from './faults/index.js';

export interface StartHostOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  hostname?: string;
  /** postgres://… — the host DROPS and recreates the edfi, changes and tracked_changes_edfi schemas. */
  databaseUrl?: string;
  changeQueries?: boolean;
  snapshot?: boolean;
  tokenLifetimeSeconds?: number;
  /** The clock token expiry is judged by (ms since the epoch; default Date.now): tests move it instead of sleeping. */
  clock?: () => number;
  /** One fault id (kept for single-fault runs); combined with `faults` when both are given. */
  fault?: string;
  /** Several faults at once: request hooks in this order, response hooks in reverse order. */
  faults?: string[];
  /** No stack traces on stderr for unexpected errors. */
  quiet?: boolean;
}

export interface RunningHost {
  /** API root, no trailing slash, e.g. 'http://127.0.0.1:54321'. */
  baseUrl: string;
  clients: Record<ClientRole, ClientCredentials>;
  stop(): Promise<void>;
  /** The fault, when exactly one is on. */
  readonly faultId?: string;
  /** Every fault on, in order ([] for a faithful host). */
  readonly faultIds: string[];
  /**
   * Puts these faults on instead of the current ones ([] = faithful), for the requests that arrive
   * from now on; the data stays as it is. Fault state (a fault's memory of earlier answers) starts
   * afresh. Throws UnknownFaultError / FaultCompositionError, leaving the current faults on.
   */
  setFaults(ids: readonly string[]): void;
  /** For tests only: the tokens the host issued and the items it stores. */
  inspect: HostInspector;
}

export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  // Resolve the faults first: an unknown id or a refused combination must fail before any
  // resource is opened.
  const faultIds = [...(options.fault ? [options.fault] : []), ...(options.faults ?? [])];
  const composed = faultIds.length > 0 ? requireFaults(faultIds) : undefined;
  const hostname = options.hostname ?? '127.0.0.1';
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 1800;
  const clients = new ClientRegistry(tokenLifetimeSeconds);
  const tokens = new TokenStore(options.clock);

  const db = await openDatabase({ databaseUrl: options.databaseUrl });
  let snapshotDb: Db | undefined;
  const closeAll = async () => {
    await snapshotDb?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  try {
    if (options.snapshot) snapshotDb = await takeSnapshot(db);
    const ctx: HostContext = {
      db,
      snapshotDb,
      settings: { changeQueries: options.changeQueries ?? true, snapshot: options.snapshot ?? false, tokenLifetimeSeconds },
      seams: seamsFor(composed),
      rootUrl: '',
    };
    const route = createDispatcher({ clients, tokens });
    const faithful: BoundDispatch = (req) => route(req, ctx);
    const wrapped = (c: ComposedFaults | undefined): BoundDispatch => (c ? c.wrap(faithful) : faithful);
    let current = wrapped(composed);
    let currentIds = faultIds;
    // One level of indirection so setFaults() can swap the faults under a listening server.
    const { inspector, dispatch } = inspectHost(db, (req) => current(req));
    const server = new HostServer({ port: options.port ?? 0, hostname, quiet: options.quiet ?? false, dispatch });
    const address = await server.listen();
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    ctx.rootUrl = `http://${shownHost}:${address.port}`;
    let stopped: Promise<void> | undefined;
    return {
      baseUrl: ctx.rootUrl,
      clients: clients.credentials(),
      get faultId() {
        return currentIds.length === 1 ? currentIds[0] : undefined;
      },
      get faultIds() {
        return [...currentIds];
      },
      setFaults(ids) {
        const next = ids.length > 0 ? requireFaults(ids) : undefined;
        ctx.seams = seamsFor(next);
        current = wrapped(next);
        currentIds = [...ids];
      },
      inspect: inspector,
      stop: () => {
        stopped ??= server.close().then(closeAll);
        return stopped;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
