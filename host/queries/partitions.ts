// GET /data/v3/ed-fi/sessions/partitions (CONTRACT.md §4): page tokens over disjoint, contiguous
// aggregate-id ranges of the matching items, for parallel cursor walks.
import type { Handler } from '../http/types.js';
import { parameterValidationFailed } from '../http/problems.js';
import { encodePageToken } from './page-token.js';
import { GET_MANY_PARAMETER_DETAIL, INT32_MAX, QueryBinder } from './query-binder.js';
import { authorizeSessionsRead } from '../auth/authorize.js';
import { readSource } from './read-source.js';
import { sessionFilters } from './session-filters.js';
import { selectionKey } from './render-session.js';

export const DEFAULT_PARTITION_COUNT = 10;
export const MAX_PARTITION_COUNT = 200;
/** ODS's floor: 5 pages of the default page size; `allowSmallPartitions=true` lowers it to 1. */
export const MIN_PARTITION_SIZE = 5 * 500;
export const NUMBER_RANGE_MESSAGE = `Number of partitions must be between 1 and ${MAX_PARTITION_COUNT}.`;

export function partitionSize(count: number, partitions: number, allowSmall: boolean): number {
  return Math.max(Math.ceil(count / partitions), allowSmall ? 1 : MIN_PARTITION_SIZE);
}

/** Tokens for partitions starting at the given aggregate ids; each ends just before the next. */
export function partitionTokens(starts: number[]): string[] {
  return starts.map((min, i) => encodePageToken({ min, max: i + 1 < starts.length ? starts[i + 1] - 1 : INT32_MAX }));
}

export const sessionPartitions: Handler = async (req, ctx) => {
  const denied = authorizeSessionsRead(req);
  if (denied) return denied;
  const source = readSource(req, ctx);
  if ('response' in source) return source.response;

  const binder = new QueryBinder(req.query);
  const number = binder.int32('number');
  // Undocumented in ODS; anything but "true" keeps the floor.
  const allowSmall = binder.raw('allowSmallPartitions')?.trim().toLowerCase() === 'true';
  const where = sessionFilters(binder, req, ctx);
  if (binder.hasErrors()) return binder.problem(req.correlationId);
  const partitions = number ?? DEFAULT_PARTITION_COUNT;
  if (partitions < 1 || partitions > MAX_PARTITION_COUNT) {
    return parameterValidationFailed(req.correlationId, GET_MANY_PARAMETER_DETAIL, [NUMBER_RANGE_MESSAGE]);
  }

  // One consistent read (count and starts see the same data), cached until the next write.
  const key = selectionKey('partitions', JSON.stringify([partitions, allowSmall, where.sql()]), where.params);
  const pageTokens = await source.db.read(
    async (db) => {
      const counted = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM edfi.session s WHERE ${where.sql()}`, where.params);
      const total = Number(counted.rows[0]?.total ?? 0);
      if (total === 0) return [];
      const size = partitionSize(total, partitions, allowSmall);
      const starts = await db.query<{ aggregateid: number }>(
        `SELECT aggregateid FROM (
           SELECT s.aggregateid, row_number() OVER (ORDER BY s.aggregateid) - 1 AS position
           FROM edfi.session s WHERE ${where.sql()}
         ) numbered
         WHERE position % ${where.param(size)}::int = 0
         ORDER BY aggregateid`,
        where.params,
      );
      return partitionTokens(starts.rows.map((row) => Number(row.aggregateid)));
    },
    { key },
  );
  return { status: 200, body: { pageTokens } };
};
