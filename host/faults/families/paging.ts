// Limit/offset paging and Total-Count faults on GET /ed-fi/sessions (CONTRACT.md §4): bounds not
// enforced, off-by-one offsets, counts wrong, missing or sent unasked, filters lost on later pages.
import { parameterValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { intParam, isOperation, responseHeader, responseJson, withoutResponseHeader, withQuery, withResponseHeader } from './match.js';

const isList = (req: HostRequest): boolean => isOperation(req, 'GetSessions');
const wantsTotalCount = (req: HostRequest): boolean => req.query.get('totalCount')?.toLowerCase() === 'true';

/** Items in a GET-many page body. */
function pageLength(res: HostResponse): number | undefined {
  const body = responseJson(res);
  return Array.isArray(body) ? body.length : undefined;
}

/** The GET-many query filters of the session resource (CONTRACT.md §1.3). */
export const SESSION_FILTERS = ['sessionName', 'schoolId', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate', 'id', 'totalInstructionalDays'];

function limitProblem(req: HostRequest): HostResponse {
  return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', ['Limit must be a value between 0 and 499.']);
}

export const pagingFaults: Fault[] = [
  {
    id: 'LimitAboveMaximumAccepted',
    description: 'A limit above 500 is silently clamped to 500 instead of being refused.',
    models: 'A host that clamps out-of-range page sizes instead of validating them.',
    violates: ['SES-GET-400-LIMIT'],
    onRequest: (req) => (isList(req) && (intParam(req.query, 'limit') ?? 0) > 500 ? withQuery(req, (q) => q.set('limit', '500')) : req),
  },
  {
    id: 'NegativeLimitAccepted',
    description: 'A negative limit is treated as "no limit" instead of being refused.',
    models: 'A guard written as `if (limit > 0) take(limit)`, so negative values fall through to the default.',
    violates: ['SES-GET-400-LIMIT'],
    onRequest: (req) => (isList(req) && (intParam(req.query, 'limit') ?? 0) < 0 ? withQuery(req, (q) => q.delete('limit')) : req),
  },
  {
    id: 'LimitMaximumRefused',
    description: 'limit=500, the documented maximum, is refused with 400 (the bound is treated as exclusive).',
    models: 'An off-by-one bound check (`limit >= 500`) in the parameter validator.',
    violates: ['SES-GET-PAGING-LIMIT-MAX'],
    onRequest: (req) => (isList(req) && intParam(req.query, 'limit') === 500 ? limitProblem(req) : req),
  },
  {
    id: 'LimitZeroMeansDefault',
    description: 'limit=0 returns a full default page instead of an empty array.',
    models: 'A falsy check (`limit || defaultLimit`) that treats 0 as "not given".',
    violates: ['SES-GET-PAGING-LIMIT-ZERO'],
    onRequest: (req) => (isList(req) && intParam(req.query, 'limit') === 0 ? withQuery(req, (q) => q.delete('limit')) : req),
  },
  {
    id: 'DefaultPageSize25',
    description: 'Without limit, GET-many returns at most 25 items (the OpenAPI default) instead of 500.',
    models: 'A host that takes the advertised OpenAPI default at face value; ODS 7.3 really returns up to 500.',
    violates: ['SES-GET-PAGING-DEFAULT-SIZE'],
    onRequest: (req) =>
      isList(req) && !req.query.has('limit') && !req.query.has('pageToken') && !req.query.has('pageSize')
        ? withQuery(req, (q) => q.set('limit', '25'))
        : req,
  },
  {
    id: 'NegativeOffsetAccepted',
    description: 'A negative offset is treated as 0 instead of being refused.',
    models: 'A host that clamps offsets with Math.max(0, offset) instead of validating them.',
    violates: ['SES-GET-400-OFFSET'],
    onRequest: (req) => (isList(req) && (intParam(req.query, 'offset') ?? 0) < 0 ? withQuery(req, (q) => q.set('offset', '0')) : req),
  },
  {
    id: 'OffsetSkipsOneItem',
    description: 'Every positive offset skips one extra item, so a limit/offset walk misses one item per page.',
    models: 'An off-by-one between a 1-based page index and a 0-based row offset.',
    violates: ['SES-GET-PAGING-OFFSET-WALK'],
    onRequest: (req) => {
      const offset = intParam(req.query, 'offset') ?? 0;
      return isList(req) && offset > 0 ? withQuery(req, (q) => q.set('offset', String(offset + 1))) : req;
    },
  },
  {
    id: 'OffsetPagesOverlap',
    description: 'Every positive offset starts one item early, so consecutive pages repeat an item.',
    models: 'An off-by-one in the row-number window (`rn >= offset` over 1-based row numbers).',
    violates: ['SES-GET-PAGING-OFFSET-WALK'],
    onRequest: (req) => {
      const offset = intParam(req.query, 'offset') ?? 0;
      return isList(req) && offset > 0 ? withQuery(req, (q) => q.set('offset', String(offset - 1))) : req;
    },
  },
  {
    id: 'TotalCountOffByOne',
    description: 'Total-Count reports one item more than match.',
    models: 'A count query that counts the header row of a window function (or an inclusive upper bound) once too often.',
    violates: ['SES-GET-PAGING-TOTAL-COUNT'],
    onResponse: (req, res) => {
      const count = responseHeader(res, 'Total-Count');
      return isList(req) && count !== undefined && /^\d+$/.test(count) ? withResponseHeader(res, 'Total-Count', String(Number(count) + 1)) : res;
    },
  },
  {
    id: 'TotalCountIsPageLength',
    description: 'Total-Count reports the number of items on the page, not the number that match.',
    models: 'A host that counts the materialised page instead of running a separate count query.',
    violates: ['SES-GET-PAGING-TOTAL-COUNT'],
    onResponse: (req, res) => {
      const length = pageLength(res);
      return isList(req) && length !== undefined && responseHeader(res, 'Total-Count') !== undefined
        ? withResponseHeader(res, 'Total-Count', String(length))
        : res;
    },
  },
  {
    id: 'TotalCountIgnored',
    description: 'totalCount=true is ignored: no Total-Count header.',
    models: 'A host that never implemented the totalCount parameter.',
    violates: ['SES-GET-PAGING-TOTAL-COUNT'],
    onResponse: (req, res) => (isList(req) ? withoutResponseHeader(res, 'Total-Count') : res),
  },
  {
    id: 'TotalCountAlwaysSent',
    description: 'GET-many always carries Total-Count (the page length), even when totalCount was not asked for.',
    models: 'A paging filter that adds the header on every response, paying for a count nobody asked for.',
    violates: ['SES-GET-PAGING-NO-TOTAL-COUNT'],
    onResponse: (req, res) => {
      const length = pageLength(res);
      return isList(req) && res.status === 200 && !wantsTotalCount(req) && length !== undefined
        ? withResponseHeader(res, 'Total-Count', String(length))
        : res;
    },
  },
  {
    id: 'FiltersDroppedOnLaterPages',
    description: 'Query filters are applied to the first page only; pages reached by offset or pageToken ignore them.',
    models: 'A paging helper that rebuilds the query for subsequent pages from the paging parameters alone.',
    violates: ['SES-GET-FILTERS-EVERY-PAGE', 'SES-GET-PAGING-OFFSET-WALK', 'SES-GET-CURSOR-WALK'],
    onRequest: (req) =>
      isList(req) && ((intParam(req.query, 'offset') ?? 0) > 0 || req.query.has('pageToken'))
        ? withQuery(req, (q) => SESSION_FILTERS.forEach((name) => q.delete(name)))
        : req,
  },
  {
    id: 'PageNewestFirst',
    description: 'The items of each GET-many page come newest first instead of in insertion order.',
    models: 'A page fetched in AggregateId order and then reversed for a "latest first" display default, applied after paging.',
    violates: ['SES-GET-PAGING-ORDER'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isList(req) && Array.isArray(body) && body.length > 1 ? { ...res, body: [...body].reverse() } : res;
    },
  },
];
