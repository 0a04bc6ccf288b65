// GET-many and /partitions for any aggregate table (CONTRACT.md §1.3, §4), written over a small
// ListedTable: its FROM, its columns, its property filters, its read authorization and its row
// renderer. Paging (limit/offset or pageToken/pageSize), Total-Count, Next-Page-Token, the list
// ETag, the change-version window and the client's school scope are the same machinery sessions
// use (paging.ts, page-token.ts, partitions.ts, list-etag.ts, session-filters.ts), not a copy.
import type { Db } from '../db/db.js';
import { parameterValidationFailed } from '../http/problems.js';
import type { Handler, HostContext, HostRequest, HostResponse } from '../http/types.js';
import { listResponse } from './list-etag.js';
import { encodePageToken } from './page-token.js';
import { resolvePaging } from './paging.js';
import { DEFAULT_PARTITION_COUNT, MAX_PARTITION_COUNT, NUMBER_RANGE_MESSAGE, partitionSize, partitionTokens } from './partitions.js';
import { GET_MANY_PARAMETER_DETAIL, INT32_MAX, QueryBinder } from './query-binder.js';
import { readSource } from './read-source.js';
import { changeVersionWindow, schoolScope } from './session-filters.js';
import { SqlWhere } from './sql-where.js';

export interface ListedTable {
  /** `edfi.x a JOIN …`: the aggregate table under `alias`, plus whatever the renderer needs. */
  from: string;
  alias: string;
  /** Selected columns; must include `<alias>.aggregateid` as `aggregateid`. */
  columns: string;
  /** Binds the property filters (equality) into `where`; binding errors stay in the binder. */
  bindFilters(binder: QueryBinder, where: SqlWhere): void;
  /** The school id column the client's ed-org claim scopes. */
  schoolColumn: string;
  authorizeRead(req: HostRequest): HostResponse | undefined;
  render(row: Record<string, unknown>): Record<string, unknown>;
}

/** The WHERE of GET-many and /partitions: properties, change-version window, school scope. */
export function tableFilters(table: ListedTable, binder: QueryBinder, req: HostRequest, ctx: HostContext): SqlWhere {
  const where = new SqlWhere();
  table.bindFilters(binder, where);
  changeVersionWindow(binder, ctx, where, `${table.alias}.changeversion`);
  schoolScope(req, where, table.schoolColumn);
  return where;
}

function selectPage(db: Db, table: ListedTable, where: SqlWhere, tail: string) {
  return db.query<Record<string, unknown>>(`SELECT ${table.columns} FROM ${table.from} WHERE ${where.sql()} ${tail}`, where.params);
}

export function listTable(table: ListedTable): Handler {
  return async (req, ctx) => {
    const denied = table.authorizeRead(req);
    if (denied) return denied;
    const source = readSource(req, ctx);
    if ('response' in source) return source.response;
    const binder = new QueryBinder(req.query);
    const resolved = resolvePaging(binder);
    const where = tableFilters(table, binder, req, ctx);
    if (binder.hasErrors()) return binder.problem(req.correlationId);
    if ('errors' in resolved) return parameterValidationFailed(req.correlationId, GET_MANY_PARAMETER_DETAIL, resolved.errors);
    const { paging } = resolved;
    const order = `${table.alias}.aggregateid`;
    // One transaction: the count and the page see the same data.
    return source.db.transaction(async (db) => {
      const headers: Record<string, string> = {};
      let rangeMax = INT32_MAX;
      let tail: string;
      if (paging.mode === 'cursor') {
        rangeMax = paging.range.max;
        where.and(`${order} BETWEEN ${where.param(paging.range.min)}::int AND ${where.param(paging.range.max)}::int`);
        tail = `ORDER BY ${order} LIMIT ${where.param(paging.pageSize)}::int`;
      } else {
        if (paging.totalCount) {
          const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${table.from} WHERE ${where.sql()}`, where.params);
          headers['Total-Count'] = String(count.rows[0]?.total ?? 0);
        }
        tail = `ORDER BY ${order} LIMIT ${where.param(paging.limit)}::int OFFSET ${where.param(paging.offset)}::int`;
      }
      const { rows } = await selectPage(db, table, where, tail);
      const last = rows.at(-1);
      if (last && Number(last.aggregateid) < INT32_MAX) {
        headers['Next-Page-Token'] = encodePageToken({ min: Number(last.aggregateid) + 1, max: rangeMax });
      }
      return listResponse(req, rows.map((row) => table.render(row)), headers);
    });
  };
}

export function tablePartitions(table: ListedTable): Handler {
  return async (req, ctx) => {
    const denied = table.authorizeRead(req);
    if (denied) return denied;
    const source = readSource(req, ctx);
    if ('response' in source) return source.response;
    const binder = new QueryBinder(req.query);
    const number = binder.int32('number');
    // Undocumented in ODS; anything but "true" keeps the floor.
    const allowSmall = binder.raw('allowSmallPartitions')?.trim().toLowerCase() === 'true';
    const where = tableFilters(table, binder, req, ctx);
    if (binder.hasErrors()) return binder.problem(req.correlationId);
    const partitions = number ?? DEFAULT_PARTITION_COUNT;
    if (partitions < 1 || partitions > MAX_PARTITION_COUNT) {
      return parameterValidationFailed(req.correlationId, GET_MANY_PARAMETER_DETAIL, [NUMBER_RANGE_MESSAGE]);
    }
    const order = `${table.alias}.aggregateid`;
    const pageTokens = await source.db.transaction(async (db) => {
      const counted = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${table.from} WHERE ${where.sql()}`, where.params);
      const total = Number(counted.rows[0]?.total ?? 0);
      if (total === 0) return [];
      const size = partitionSize(total, partitions, allowSmall);
      const starts = await db.query<{ aggregateid: number }>(
        `SELECT aggregateid FROM (
           SELECT ${order} AS aggregateid, row_number() OVER (ORDER BY ${order}) - 1 AS position
           FROM ${table.from} WHERE ${where.sql()}
         ) numbered
         WHERE position % ${where.param(size)}::int = 0
         ORDER BY aggregateid`,
        where.params,
      );
      return partitionTokens(starts.rows.map((row) => Number(row.aggregateid)));
    });
    return { status: 200, body: { pageTokens } };
  };
}
