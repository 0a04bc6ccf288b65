// The seeded API clients (DESIGN.md "Client roles"). Keys and secrets are random per host start,
// so nothing secret is ever committed or shared between runs.
import { randomBytes } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import type { AuthenticatedClient, ClientRole } from '../http/types.js';
import { seedSchools } from '../db/seed-data.js';

export const CLIENT_ROLES: readonly ClientRole[] = ['full', 'readOnly', 'noSessionsClaim', 'otherSchool', 'shortLived'];

/** The school the otherSchool client's claim covers (never the primary school). */
export const OTHER_SCHOOL_ID = 255901044;

/** shortLived tokens expire quickly so a suite can observe an expired token. */
export const SHORT_LIVED_TOKEN_SECONDS = 2;

export interface ClientDefinition {
  role: ClientRole;
  key: string;
  secret: string;
  /** Ed-orgs the client is associated with (a requested scope must be one of them). */
  educationOrganizationIds: number[];
  /** Whether the ed-org claim restricts which sessions it may touch (only otherSchool). */
  restrictedToEdOrgs: boolean;
  /** Actions on the writable resources' claims (session and courseOffering alike; empty = no claim). */
  sessionActions: ReadonlySet<'create' | 'read' | 'update' | 'delete'>;
  tokenLifetimeSeconds: number;
}

export interface ClientCredentials {
  key: string;
  secret: string;
}

const ALL_ACTIONS = new Set(['create', 'read', 'update', 'delete'] as const);
const READ_ONLY = new Set(['read'] as const);
const NONE = new Set<never>();

function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class ClientRegistry {
  private readonly byKey = new Map<string, ClientDefinition>();

  constructor(defaultTokenLifetimeSeconds: number) {
    const allSchools = seedSchools.map((s) => s.schoolId);
    const define = (role: ClientRole, rest: Omit<ClientDefinition, 'role' | 'key' | 'secret' | 'tokenLifetimeSeconds'>, lifetime = defaultTokenLifetimeSeconds) => {
      const client: ClientDefinition = { role, key: `${role}-${randomText(9)}`, secret: randomText(24), tokenLifetimeSeconds: lifetime, ...rest };
      this.byKey.set(client.key, client);
    };
    define('full', { educationOrganizationIds: allSchools, restrictedToEdOrgs: false, sessionActions: ALL_ACTIONS });
    define('readOnly', { educationOrganizationIds: allSchools, restrictedToEdOrgs: false, sessionActions: READ_ONLY });
    define('noSessionsClaim', { educationOrganizationIds: allSchools, restrictedToEdOrgs: false, sessionActions: NONE });
    define('otherSchool', { educationOrganizationIds: [OTHER_SCHOOL_ID], restrictedToEdOrgs: true, sessionActions: ALL_ACTIONS });
    define('shortLived', { educationOrganizationIds: allSchools, restrictedToEdOrgs: false, sessionActions: ALL_ACTIONS }, SHORT_LIVED_TOKEN_SECONDS);
  }

  /** The client whose key and secret both match, compared in constant time. */
  authenticate(key: string, secret: string): ClientDefinition | undefined {
    const client = this.byKey.get(key);
    if (!client) return undefined;
    const expected = Buffer.from(client.secret);
    const given = Buffer.from(secret);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return client;
  }

  credentials(): Record<ClientRole, ClientCredentials> {
    const result = {} as Record<ClientRole, ClientCredentials>;
    for (const client of this.byKey.values()) result[client.role] = { key: client.key, secret: client.secret };
    return result;
  }
}

export function toAuthenticatedClient(client: ClientDefinition, scopedEdOrgId?: number): AuthenticatedClient {
  return {
    role: client.role,
    key: client.key,
    // Unrestricted roles see every school (even ids that do not exist, so an unknown school is a
    // 409, not a 403); a scoped token narrows any client to the one ed-org it asked for.
    educationOrganizationIds:
      scopedEdOrgId !== undefined ? [scopedEdOrgId] : client.restrictedToEdOrgs ? client.educationOrganizationIds : undefined,
    sessionActions: client.sessionActions,
  };
}
