// The host's HTTP vocabulary. Handlers take a parsed HostRequest and return a HostResponse value;
// only host/server.ts touches sockets. This is what lets faults wrap dispatch (see host/faults/).
import type { Db } from '../db/db.js';
import type { HostSeams } from '../faults/seams.js';

export type ClientRole = 'full' | 'readOnly' | 'noSessionsClaim' | 'otherSchool' | 'shortLived';

export interface AuthenticatedClient {
  role: ClientRole;
  key: string;
  /** Education organization ids the client's claim covers; undefined = all. */
  educationOrganizationIds?: number[];
  /** Whether the client holds a claim on the sessions resource, and which actions. */
  sessionActions: ReadonlySet<'create' | 'read' | 'update' | 'delete'>;
}

export interface HostRequest {
  method: string;
  /** Path below the API root, decoded, e.g. '/data/v3/ed-fi/sessions/abc'. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  correlationId: string;
  /** Set by the auth step for data/change-query routes. */
  client?: AuthenticatedClient;
}

export interface HostResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable value (rendered with indentation), a Buffer, or undefined for no body. */
  body?: unknown;
  /** Defaults to 'application/json; charset=utf-8' when a body is present. */
  contentType?: string;
}

export interface HostSettings {
  changeQueries: boolean;
  snapshot: boolean;
  tokenLifetimeSeconds: number;
}

export interface HostContext {
  db: Db;
  /** Present only when the host was started with a snapshot. */
  snapshotDb?: Db;
  settings: HostSettings;
  seams: HostSeams;
  /** Absolute API root as clients see it, no trailing slash, e.g. 'http://127.0.0.1:5000'. */
  rootUrl: string;
}

export type Handler = (req: HostRequest, ctx: HostContext) => Promise<HostResponse>;
