// startHost(opts): the embedded reference host (DESIGN.md "Reference host"). Opens and seeds the
// database, optionally takes a snapshot, wires the router (with the selected fault) into a
// node:http server on 127.0.0.1, and returns the API root and the seeded client credentials.
import type { Db } from './db/db.js';
import { openDatabase } from './db/open.js';
import { ClientRegistry, type ClientCredentials } from './auth/clients.js';
import { TokenStore } from './auth/tokens.js';
import type { ClientRole, HostContext } from './http/types.js';
import { createDispatcher } from './router.js';
import { HostServer } from './server.js';
import { requireFault, seamsFor, withFault } from './faults/index.js';
import { takeSnapshot } from './snapshot/index.js';

export type { ClientRole } from './http/types.js';
export { UnknownFaultError } from './faults/index.js';

export interface StartHostOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  hostname?: string;
  /** postgres://… — the host DROPS and recreates the edfi, changes and tracked_changes_edfi schemas. */
  databaseUrl?: string;
  changeQueries?: boolean;
  snapshot?: boolean;
  tokenLifetimeSeconds?: number;
  fault?: string;
  /** No stack traces on stderr for unexpected errors. */
  quiet?: boolean;
}

export interface RunningHost {
  /** API root, no trailing slash, e.g. 'http://127.0.0.1:54321'. */
  baseUrl: string;
  clients: Record<ClientRole, ClientCredentials>;
  stop(): Promise<void>;
  faultId?: string;
}

export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  // Resolve the fault first: an unknown id must fail before any resource is opened.
  const fault = options.fault ? requireFault(options.fault) : undefined;
  const hostname = options.hostname ?? '127.0.0.1';
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 1800;
  const clients = new ClientRegistry(tokenLifetimeSeconds);
  const tokens = new TokenStore();

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
      seams: seamsFor(fault),
      rootUrl: '',
    };
    const dispatch = withFault(createDispatcher({ clients, tokens }), fault);
    const server = new HostServer({
      port: options.port ?? 0,
      hostname,
      quiet: options.quiet ?? false,
      dispatch: (req) => dispatch(req, ctx),
    });
    const address = await server.listen();
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    ctx.rootUrl = `http://${shownHost}:${address.port}`;
    let stopped: Promise<void> | undefined;
    return {
      baseUrl: ctx.rootUrl,
      clients: clients.credentials(),
      faultId: fault?.id,
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
