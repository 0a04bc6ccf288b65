// Shared set-up for the read-side handler tests: a seeded PGlite database, sessions inserted by
// SQL (no write handlers involved), and hand-built requests and contexts.
import type { Db } from '../../host/db/db.js';
import { openDatabase } from '../../host/db/open.js';
import { faithfulSeams } from '../../host/faults/seams.js';
import type { AuthenticatedClient, HostContext, HostRequest, HostSettings } from '../../host/http/types.js';

export const PRIMARY_SCHOOL = 255901001;
export const OTHER_SCHOOL = 255901044;
export const FALL = 'uri://ed-fi.org/TermDescriptor#Fall Semester';
export const SPRING = 'uri://ed-fi.org/TermDescriptor#Spring Semester';

/**
 * Set to a postgres:// URL to run the handler tests on a PostgreSQL server instead of PGlite
 * (the schemas are dropped and recreated per file, so run with --no-file-parallelism).
 */
export const TEST_DATABASE_URL = process.env.HOST_TEST_DATABASE_URL || undefined;

export async function openTestDb(): Promise<Db> {
  return openDatabase({ databaseUrl: TEST_DATABASE_URL });
}

export interface SessionSeed {
  sessionName: string;
  schoolId?: number;
  schoolYear?: number;
  term?: string;
  beginDate?: string;
  endDate?: string;
  totalInstructionalDays?: number;
}

/** Inserts a session and returns its 32-hex id and aggregate id. */
export async function insertSession(db: Db, seed: SessionSeed): Promise<{ id: string; aggregateId: number; changeVersion: number }> {
  const term = seed.term ?? FALL;
  const { rows } = await db.query<{ id: string; aggregateid: number; changeversion: number }>(
    `INSERT INTO edfi.session (schoolid, schoolyear, sessionname, begindate, enddate, termdescriptorid, totalinstructionaldays)
     SELECT $1, $2, $3, $4::date, $5::date, d.descriptorid, $6
     FROM edfi.descriptor d WHERE d.namespace || '#' || d.codevalue = $7
     RETURNING replace(id::text, '-', '') AS id, aggregateid, changeversion`,
    [
      seed.schoolId ?? PRIMARY_SCHOOL,
      seed.schoolYear ?? 2025,
      seed.sessionName,
      seed.beginDate ?? '2024-08-19',
      seed.endDate ?? '2024-12-20',
      seed.totalInstructionalDays ?? 80,
      term,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`term descriptor not seeded: ${term}`);
  return { id: row.id, aggregateId: Number(row.aggregateid), changeVersion: Number(row.changeversion) };
}

export function fullClient(): AuthenticatedClient {
  return {
    role: 'full',
    key: 'test-full',
    educationOrganizationIds: [255901001, 255901044, 255901107],
    sessionActions: new Set(['create', 'read', 'update', 'delete']),
  };
}

export function context(db: Db, settings: Partial<HostSettings> = {}, snapshotDb?: Db): HostContext {
  return {
    db,
    snapshotDb,
    settings: { changeQueries: true, snapshot: snapshotDb !== undefined, tokenLifetimeSeconds: 1800, ...settings },
    seams: faithfulSeams(),
    rootUrl: 'http://127.0.0.1:5999',
  };
}

export function request(
  path: string,
  query: Record<string, string> | string = {},
  headers: Record<string, string> = {},
  client: AuthenticatedClient | undefined = fullClient(),
): HostRequest {
  return {
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    headers,
    body: Buffer.alloc(0),
    correlationId: 'test-correlation',
    client,
  };
}

export function problemOf(body: unknown): { type: string; detail: string; errors?: string[]; validationErrors?: Record<string, string[]> } {
  return body as { type: string; detail: string; errors?: string[]; validationErrors?: Record<string, string[]> };
}
