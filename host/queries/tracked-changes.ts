// GET /data/v3/ed-fi/sessions/deletes and /keyChanges (CONTRACT.md §5): tracked-change rows
// written by the database triggers, paged by limit/offset in changeVersion order.
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

export interface SessionKeyValues {
  schoolId: number;
  schoolYear: number;
  sessionName: string;
}

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
function prepare(req: HostRequest, ctx: HostContext): { db: Db; page: TrackedPage } | { response: HostResponse } {
  if (!ctx.settings.changeQueries) return { response: featureDisabled(req.correlationId) };
  const denied = authorizeSessionsRead(req);
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

interface DeleteRow {
  id: string;
  changeversion: number;
  schoolid: number;
  schoolyear: number;
  sessionname: string;
}

export const sessionDeletes: Handler = async (req, ctx) => {
  const prepared = prepare(req, ctx);
  if ('response' in prepared) return prepared.response;
  const { db, page } = prepared;
  const { where } = page;
  // Only real deletes; a natural key that exists again in the live table is not reported.
  where.and('t.newschoolid IS NULL');
  where.and(`NOT EXISTS (SELECT 1 FROM edfi.session s
    WHERE s.schoolid = t.oldschoolid AND s.schoolyear = t.oldschoolyear AND s.sessionname = t.oldsessionname)`);
  trackedScope(req, where, ['t.oldschoolid']);
  const result = await db.transaction((tx) =>
    pageOf<DeleteRow>(
      tx,
      page,
      `FROM tracked_changes_edfi.session t WHERE ${where.sql()}`,
      `SELECT replace(t.id::text, '-', '') AS id, t.changeversion, t.oldschoolid AS schoolid,
              t.oldschoolyear::int AS schoolyear, t.oldsessionname AS sessionname`,
      'ORDER BY t.changeversion',
    ),
  );
  const body = result.rows.map((row) => ({
    id: row.id,
    changeVersion: Number(row.changeversion),
    keyValues: { schoolId: Number(row.schoolid), schoolYear: Number(row.schoolyear), sessionName: row.sessionname },
  }));
  return listResponse(req, body, totalHeader(result.total));
};

interface KeyChangeRow {
  id: string;
  changeversion: number;
  old_schoolid: number;
  old_schoolyear: number;
  old_sessionname: string;
  new_schoolid: number;
  new_schoolyear: number;
  new_sessionname: string;
}

export const sessionKeyChanges: Handler = async (req, ctx) => {
  const prepared = prepare(req, ctx);
  if ('response' in prepared) return prepared.response;
  const { db, page } = prepared;
  const { where } = page;
  where.and('t.newschoolid IS NOT NULL');
  trackedScope(req, where, ['t.oldschoolid', 't.newschoolid']);
  // Several key changes of one id inside the window collapse into one item: the earliest old
  // keys, the latest new keys and the final change version (ODS KeyChangesQueryTemplatePreparer).
  const fromSql = `FROM (
      SELECT t.id, min(t.changeversion) AS first_version, max(t.changeversion) AS last_version
      FROM tracked_changes_edfi.session t WHERE ${where.sql()} GROUP BY t.id
    ) g
    JOIN tracked_changes_edfi.session f ON f.changeversion = g.first_version
    JOIN tracked_changes_edfi.session l ON l.changeversion = g.last_version`;
  const result = await db.transaction((tx) =>
    pageOf<KeyChangeRow>(
      tx,
      page,
      fromSql,
      `SELECT replace(g.id::text, '-', '') AS id, g.last_version AS changeversion,
              f.oldschoolid AS old_schoolid, f.oldschoolyear::int AS old_schoolyear, f.oldsessionname AS old_sessionname,
              l.newschoolid AS new_schoolid, l.newschoolyear::int AS new_schoolyear, l.newsessionname AS new_sessionname`,
      'ORDER BY g.last_version',
    ),
  );
  const body = result.rows.map((row) => ({
    id: row.id,
    changeVersion: Number(row.changeversion),
    oldKeyValues: { schoolId: Number(row.old_schoolid), schoolYear: Number(row.old_schoolyear), sessionName: row.old_sessionname },
    newKeyValues: { schoolId: Number(row.new_schoolid), schoolYear: Number(row.new_schoolyear), sessionName: row.new_sessionname },
  }));
  return listResponse(req, body, totalHeader(result.total));
};
