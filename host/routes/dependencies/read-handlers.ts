// GET-many and GET by id for the read-only dependency resources (schools, courses, …).
import type { Db } from '../../db/db.js';
import { quoteEtag } from '../../http/etag.js';
import { notFound, notFoundGeneric } from '../../http/problems.js';
import { parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { readSource } from '../../queries/read-source.js';
import { type FilterSpec, filterConditions, readListParams } from './list-params.js';

export interface Readable {
  select: string;
  orderBy: string;
  filters: FilterSpec[];
  /** SQL expression of the row's UUID, for GET by id. */
  idColumn: string;
  render(row: Record<string, unknown>): Record<string, unknown>;
}

function dbFor(req: HostRequest, ctx: HostContext): Db | HostResponse {
  const source = readSource(req, ctx);
  return 'response' in source ? source.response : source.db;
}

/** Tells an early answer from a parsed value (paging, filters, a Db): only responses carry a status. */
function isResponse(value: unknown): value is HostResponse {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'status' in value;
}

export async function listResource(req: HostRequest, ctx: HostContext, resource: Readable): Promise<HostResponse> {
  const paging = readListParams(req);
  if (isResponse(paging)) return paging;
  const db = dbFor(req, ctx);
  if (isResponse(db)) return db;
  const params: unknown[] = [];
  const conditions = filterConditions(req, resource.filters, params);
  if (isResponse(conditions)) return conditions;
  const where = conditions.map((c) => ` AND ${c}`).join('');
  const headers: Record<string, string> = {};
  if (paging.totalCount) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${resource.select}${where}) counted`, params);
    headers['Total-Count'] = String(rows[0].n);
  }
  const { rows } = await db.query(
    `${resource.select}${where} ORDER BY ${resource.orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, paging.limit, paging.offset],
  );
  return { status: 200, headers, body: rows.map((row) => resource.render(row)) };
}

export async function getResourceById(req: HostRequest, ctx: HostContext, resource: Readable, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return notFoundGeneric(req.correlationId);
  const db = dbFor(req, ctx);
  if (isResponse(db)) return db;
  const { rows } = await db.query(`${resource.select} AND ${resource.idColumn} = $1::uuid`, [id]);
  if (rows.length === 0) return notFound(req.correlationId, 'The specified item could not be found.');
  const body = resource.render(rows[0]);
  return { status: 200, headers: { ETag: quoteEtag(String(body._etag)) }, body };
}
