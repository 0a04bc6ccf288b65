// GET /data/v3/ed-fi/sessions (CONTRACT.md §1.3, §4): filters, limit/offset or cursor paging,
// Total-Count, Next-Page-Token on every non-empty page, items rendered as GET by id renders them.
import type { Handler } from '../http/types.js';
import { parameterValidationFailed } from '../http/problems.js';
import { answerList, withListEtag } from './list-etag.js';
import { encodePageToken } from './page-token.js';
import { resolvePaging } from './paging.js';
import { GET_MANY_PARAMETER_DETAIL, INT32_MAX, QueryBinder } from './query-binder.js';
import { authorizeSessionsRead } from '../auth/authorize.js';
import { readSource } from './read-source.js';
import { loadSessions, selectionKey } from './render-session.js';
import { sessionFilters } from './session-filters.js';

export const listSessions: Handler = async (req, ctx) => {
  const denied = authorizeSessionsRead(req);
  if (denied) return denied;
  const source = readSource(req, ctx);
  if ('response' in source) return source.response;

  const binder = new QueryBinder(req.query);
  const resolved = resolvePaging(binder);
  const where = sessionFilters(binder, req, ctx);
  if (binder.hasErrors()) return binder.problem(req.correlationId);
  if ('errors' in resolved) return parameterValidationFailed(req.correlationId, GET_MANY_PARAMETER_DETAIL, resolved.errors);
  const { paging } = resolved;

  // One consistent read: the count and the page see the same data. The whole answer (items,
  // Total-Count, Next-Page-Token, ETag) depends only on the data and the SQL, so it is cached
  // under a key naming both until the next write.
  const key = selectionKey('list', JSON.stringify([paging, where.sql()]), where.params);
  const content = await source.db.read(
    async (db) => {
      const headers: Record<string, string> = {};
      let rangeMax = INT32_MAX;
      let tail: string;
      if (paging.mode === 'cursor') {
        rangeMax = paging.range.max;
        where.and(`s.aggregateid BETWEEN ${where.param(paging.range.min)}::int AND ${where.param(paging.range.max)}::int`);
        tail = `ORDER BY s.aggregateid LIMIT ${where.param(paging.pageSize)}::int`;
      } else {
        if (paging.totalCount) {
          const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM edfi.session s WHERE ${where.sql()}`, where.params);
          headers['Total-Count'] = String(count.rows[0]?.total ?? 0);
        }
        tail = `ORDER BY s.aggregateid LIMIT ${where.param(paging.limit)}::int OFFSET ${where.param(paging.offset)}::int`;
      }
      const page = await loadSessions(db, { where: where.sql(), params: where.params, tail });
      const last = page.at(-1);
      if (last && last.aggregateId < INT32_MAX) {
        headers['Next-Page-Token'] = encodePageToken({ min: last.aggregateId + 1, max: rangeMax });
      }
      return withListEtag(
        page.map((item) => item.resource),
        headers,
      );
    },
    { key, weigh: (content) => (content.body as unknown[]).length },
  );
  return answerList(req, content);
};
