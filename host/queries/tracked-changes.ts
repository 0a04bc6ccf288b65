// GET /data/v3/ed-fi/{resource}/deletes and /keyChanges (CONTRACT.md §5): tracked-change rows
// written by the database triggers, paged by limit/offset in changeVersion order. Written once
// over a small table of each tracked resource (its tracked_changes_edfi table, natural-key columns
// in ODS's keyValues order, and its read authorization), so sessions and course offerings answer
// alike; a resource adds a TrackedResource, not a copy of the queries.
import type { Db } from '../db/db.js';
import { problem } from '../http/problem.js';
import { parameterValidationFailed } from '../http/problems.js';
import type { Handler, HostRequest, HostResponse } from '../http/types.js';
import type { HostContext } from '../http/types.js';
import { listResponse } from './list-etag.js';
import { MAX_PAGE_SIZE } from './paging.js';
import { QueryBinder, TRACKED_CHANGES_PARAMETER_DETAIL } from './query-binder.js';
import { authorizeSessionsRead } from '../auth/authorize.js';
import { readSource } from './read-source.js';
import { changeVersionWindow } from './session-filters.js';
import { SqlWhere } from './sql-where.js';

/** One natural-key column: `old<column>`/`new<column>` in the tracked table, `<column>` live. */
export interface TrackedKey {
  /** Member name in keyValues/oldKeyValues/newKeyValues. */
  name: string;
  column: string;
  type: 'integer' | 'text';
}

export interface TrackedResource {
  /** Table name in both edfi (live rows) and tracked_changes_edfi (deletes and key changes). */
  table: string;
  /** Natural-key columns in the order ODS writes keyValues. */
  keys: TrackedKey[];
  /** The key column holding the school id, for the client's ed-org scope. */
  schoolColumn: string;
  authorizeRead(req: HostRequest): HostResponse | undefined;
}

export const SESSION_TRACKED: TrackedResource = {
  table: 'session',
  keys: [
    { name: 'schoolId', column: 'schoolid', type: 'integer' },
    { name: 'schoolYear', column: 'schoolyear', type: 'integer' },
    { name: 'sessionName', column: 'sessionname', type: 'text' },
  ],
  schoolColumn: 'schoolid',
  authorizeRead: authorizeSessionsRead,
};

export function featureDisabled(correlationId: string): HostResponse {
  return problem({
    status: 404,
    type: 'urn:ed-fi:api:system:configuration:feature-disabled',
    title: 'Feature Disabled',
    detail: "The 'ChangeQueries' feature is disabled.",
    correlationId,
  });
}

interface TrackedPage {
  limit: number;
  offset: number;
  totalCount: boolean;
  where: SqlWhere;
}

/** The shared front half: feature switch, authorization, snapshot, parameters. */
function prepare(req: HostRequest, ctx: HostContext, resource: TrackedResource): { db: Db; page: TrackedPage } | { response: HostResponse } {
  if (!ctx.settings.changeQueries) return { response: featureDisabled(req.correlationId) };
  const denied = resource.authorizeRead(req);
  if (denied) return { response: denied };
  const source = readSource(req, ctx);
  if ('response' in source) return source;

  const binder = new QueryBinder(req.query);
  const offset = binder.int32('offset');
  const limit = binder.int32('limit');
  const totalCount = binder.bool('totalCount') ?? false;
  const where = new SqlWhere();
  changeVersionWindow(binder, ctx, where, 't.changeversion');
  if (binder.hasErrors()) return { response: binder.problem(req.correlationId) };
  const errors: string[] = [];
  // ODS's message says 1..500, yet limit=0 is accepted (CONTRACT.md §4).
  if (limit !== undefined && (limit < 0 || limit > MAX_PAGE_SIZE)) errors.push(`Limit must be omitted or set to a value between 1 and ${MAX_PAGE_SIZE}.`);
  if (offset !== undefined && offset < 0) errors.push('Offset must be greater than or equal to 0.');
  if (errors.length > 0) {
    return { response: parameterValidationFailed(req.correlationId, TRACKED_CHANGES_PARAMETER_DETAIL, errors) };
  }
  return { db: source.db, page: { limit: limit ?? MAX_PAGE_SIZE, offset: offset ?? 0, totalCount, where } };
}

/** Restricts tracked rows to the client's schools (by the keys the client last could see). */
function trackedScope(req: HostRequest, where: SqlWhere, columns: string[]): void {
  const allowed = req.client?.educationOrganizationIds;
  if (allowed === undefined) return;
  const list = `${where.param(allowed.map(String))}::bigint[]`;
  where.and(columns.map((column) => `${column} = ANY(${list})`).join(' OR '));
}

async function pageOf<R>(db: Db, page: TrackedPage, fromSql: string, selectSql: string, orderSql: string): Promise<{ rows: R[]; total?: number }> {
  const { where } = page;
  let total: number | undefined;
  if (page.totalCount) {
    const counted = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${fromSql}`, where.params);
    total = Number(counted.rows[0]?.total ?? 0);
  }
  const limit = where.param(page.limit);
  const offset = where.param(page.offset);
  const { rows } = await db.query<R>(`${selectSql} ${fromSql} ${orderSql} LIMIT ${limit}::int OFFSET ${offset}::int`, where.params);
  return { rows, total };
}

function totalHeader(total: number | undefined): Record<string, string> {
  return total === undefined ? {} : { 'Total-Count': String(total) };
}

/** Column as selected: smallint keys widen to int so both engines hand back a number. */
function selected(alias: string, column: string, key: TrackedKey): string {
  return key.type === 'integer' ? `${alias}.${column}::bigint` : `${alias}.${column}`;
}

function keyValues(row: Record<string, unknown>, keys: TrackedKey[], prefix: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  keys.forEach((key, i) => {
    const raw = row[`${prefix}${i}`];
    values[key.name] = key.type === 'integer' ? Number(raw) : String(raw);
  });
  return values;
}

/** GET {resource}/deletes: real deletes only, not those whose natural key exists again. */
export function trackedDeletes(resource: TrackedResource): Handler {
  return async (req, ctx) => {
    const prepared = prepare(req, ctx, resource);
    if ('response' in prepared) return prepared.response;
    const { db, page } = prepared;
    const { where } = page;
    const { keys } = resource;
    where.and(`t.new${keys[0].column} IS NULL`);
    const sameKey = keys.map((key) => `x.${key.column} = t.old${key.column}`).join(' AND ');
    where.and(`NOT EXISTS (SELECT 1 FROM edfi.${resource.table} x WHERE ${sameKey})`);
    trackedScope(req, where, [`t.old${resource.schoolColumn}`]);
    const columns = keys.map((key, i) => `${selected('t', `old${key.column}`, key)} AS k${i}`).join(', ');
    const result = await db.transaction((tx) =>
      pageOf<Record<string, unknown>>(
        tx,
        page,
        `FROM tracked_changes_edfi.${resource.table} t WHERE ${where.sql()}`,
        `SELECT replace(t.id::text, '-', '') AS id, t.changeversion, ${columns}`,
        'ORDER BY t.changeversion',
      ),
    );
    const body = result.rows.map((row) => ({ id: row.id, changeVersion: Number(row.changeversion), keyValues: keyValues(row, keys, 'k') }));
    return listResponse(req, body, totalHeader(result.total));
  };
}

/** GET {resource}/keyChanges, cascaded changes included (the triggers write them per table). */
export function trackedKeyChanges(resource: TrackedResource): Handler {
  return async (req, ctx) => {
    const prepared = prepare(req, ctx, resource);
    if ('response' in prepared) return prepared.response;
    const { db, page } = prepared;
    const { where } = page;
    const { keys, table } = resource;
    where.and(`t.new${keys[0].column} IS NOT NULL`);
    trackedScope(req, where, [`t.old${resource.schoolColumn}`, `t.new${resource.schoolColumn}`]);
    // Several key changes of one id inside the window collapse into one item: the earliest old
    // keys, the latest new keys and the final change version (ODS KeyChangesQueryTemplatePreparer).
    const fromSql = `FROM (
        SELECT t.id, min(t.changeversion) AS first_version, max(t.changeversion) AS last_version
        FROM tracked_changes_edfi.${table} t WHERE ${where.sql()} GROUP BY t.id
      ) g
      JOIN tracked_changes_edfi.${table} f ON f.changeversion = g.first_version
      JOIN tracked_changes_edfi.${table} l ON l.changeversion = g.last_version`;
    const columns = keys
      .map((key, i) => `${selected('f', `old${key.column}`, key)} AS o${i}, ${selected('l', `new${key.column}`, key)} AS n${i}`)
      .join(', ');
    const result = await db.transaction((tx) =>
      pageOf<Record<string, unknown>>(
        tx,
        page,
        fromSql,
        `SELECT replace(g.id::text, '-', '') AS id, g.last_version AS changeversion, ${columns}`,
        'ORDER BY g.last_version',
      ),
    );
    const body = result.rows.map((row) => ({
      id: row.id,
      changeVersion: Number(row.changeversion),
      oldKeyValues: keyValues(row, keys, 'o'),
      newKeyValues: keyValues(row, keys, 'n'),
    }));
    return listResponse(req, body, totalHeader(result.total));
  };
}

export const sessionDeletes: Handler = trackedDeletes(SESSION_TRACKED);
export const sessionKeyChanges: Handler = trackedKeyChanges(SESSION_TRACKED);
