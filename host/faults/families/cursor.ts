// Cursor paging and partition faults (CONTRACT.md §4, ODS 7.3): Next-Page-Token missing or off by
// one, exclusivity errors not raised, partitions that overlap or lose items, `number` unbounded.
import { parameterValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import {
  decodePageToken,
  editPageToken,
  editPartitionTokens,
  overlappingPartitions,
  intParam,
  isOperation,
  isPlainObject,
  responseHeader,
  responseJson,
  withoutResponseHeader,
  withQuery,
  withResponseHeader,
} from './match.js';
import { SESSION_FILTERS } from './paging.js';

const isList = (req: HostRequest): boolean => isOperation(req, 'GetSessions');
const isPartitions = (req: HostRequest): boolean => isOperation(req, 'GetSessionsPartitions');

function editNextPageToken(res: HostResponse, edit: (range: { min: number; max: number | undefined }) => { min: number; max: number | undefined }): HostResponse {
  const token = responseHeader(res, 'Next-Page-Token');
  return token === undefined ? res : withResponseHeader(res, 'Next-Page-Token', editPageToken(token, edit));
}

function numberProblem(req: HostRequest): HostResponse {
  return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', ['Number of partitions must be between 1 and 199.']);
}

function cursorLimitProblem(req: HostRequest): HostResponse {
  return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', ['Limit cannot be used with cursor paging.']);
}

export const cursorFaults: Fault[] = [
  {
    id: 'NextPageTokenMissing',
    description: 'GET-many never sends Next-Page-Token.',
    models: 'A host that implements the pageToken parameter but forgets to emit the continuation header.',
    // A walk from a partition token follows Next-Page-Token, so it stops after the first page.
    violates: ['SES-GET-CURSOR-NEXT-TOKEN', 'SES-GET-CURSOR-WALK', 'SES-PART-WALK'],
    onResponse: (req, res) => (isList(req) ? withoutResponseHeader(res, 'Next-Page-Token') : res),
  },
  {
    id: 'NextPageTokenRepeatsLastItem',
    description: "Next-Page-Token starts at the page's last item instead of after it, so cursor pages overlap by one.",
    models: 'A keyset cursor built with `>=` on the last seen AggregateId instead of `>`.',
    violates: ['SES-GET-CURSOR-WALK', 'SES-GET-CURSOR-NEXT-TOKEN', 'SES-PART-WALK'],
    onResponse: (req, res) => (isList(req) ? editNextPageToken(res, (r) => ({ ...r, min: r.min - 1 })) : res),
  },
  {
    id: 'CursorPageDropsLastItem',
    description: 'A cursor page that has a next page loses its last item: the token points past it but the body omits it.',
    models: 'A "fetch pageSize+1 rows to detect more" loop that trims the wrong row before rendering the page.',
    violates: ['SES-GET-CURSOR-WALK', 'SES-PART-WALK'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isList(req) && req.query.has('pageToken') && Array.isArray(body) && body.length > 1 && responseHeader(res, 'Next-Page-Token') !== undefined
        ? { ...res, body: body.slice(0, -1) }
        : res;
    },
  },
  {
    id: 'PageTokenWithOffsetAccepted',
    description: 'pageToken together with offset is accepted (offset ignored) instead of 400.',
    models: 'A host that picks one paging mode silently instead of validating their exclusivity.',
    violates: ['SES-GET-CURSOR-400-OFFSET'],
    onRequest: (req) => (isList(req) && req.query.has('pageToken') && req.query.has('offset') ? withQuery(req, (q) => q.delete('offset')) : req),
  },
  {
    id: 'PageTokenWithLimitAccepted',
    description: 'pageToken with limit and no pageSize is accepted (limit used as the page size) instead of 400.',
    models: 'A host that treats limit and pageSize as synonyms.',
    violates: ['SES-GET-CURSOR-400-LIMIT'],
    onRequest: (req) =>
      isList(req) && req.query.has('pageToken') && req.query.has('limit') && !req.query.has('pageSize')
        ? withQuery(req, (q) => {
            q.set('pageSize', q.get('limit') ?? '');
            q.delete('limit');
          })
        : req,
  },
  {
    id: 'PageTokenWithTotalCountAccepted',
    description: 'pageToken with totalCount=true is accepted (no count) instead of 400.',
    models: 'A host that drops totalCount silently in cursor mode instead of refusing the contradiction.',
    violates: ['SES-GET-CURSOR-400-TOTAL-COUNT'],
    onRequest: (req) => (isList(req) && req.query.has('pageToken') && req.query.has('totalCount') ? withQuery(req, (q) => q.delete('totalCount')) : req),
  },
  {
    id: 'PageSizeWithoutTokenAccepted',
    description: 'pageSize without pageToken is accepted as a limit instead of 400.',
    models: 'A host that treats pageSize as an alias of limit outside cursor paging.',
    violates: ['SES-GET-CURSOR-400-NO-TOKEN'],
    onRequest: (req) =>
      isList(req) && req.query.has('pageSize') && !req.query.has('pageToken')
        ? withQuery(req, (q) => {
            if (!q.has('limit')) q.set('limit', q.get('pageSize') ?? '');
            q.delete('pageSize');
          })
        : req,
  },
  {
    id: 'InvalidPageTokenIgnored',
    description: 'A page token that does not decode is ignored (the first page is served) instead of 400.',
    models: 'A token parser that returns "no cursor" on failure instead of raising a validation error.',
    violates: ['SES-GET-CURSOR-400-BAD-TOKEN'],
    onRequest: (req) => {
      const token = req.query.get('pageToken');
      if (!isList(req) || token === null || decodePageToken(token) !== undefined) return req;
      return withQuery(req, (q) => {
        q.delete('pageToken');
        if (q.has('pageSize') && !q.has('limit')) q.set('limit', q.get('pageSize') ?? '');
        q.delete('pageSize');
      });
    },
  },
  {
    id: 'PageSizeAboveMaximumAccepted',
    description: 'A pageSize above 500 is clamped to 500 instead of being refused.',
    models: 'A cursor endpoint that clamps the page size where the limit/offset endpoint validates it.',
    violates: ['SES-GET-CURSOR-400-PAGE-SIZE'],
    onRequest: (req) => (isList(req) && (intParam(req.query, 'pageSize') ?? 0) > 500 ? withQuery(req, (q) => q.set('pageSize', '500')) : req),
  },
  {
    id: 'CursorLimitAlongsidePageSizeRefused',
    description: 'pageToken + pageSize + limit is refused with 400 instead of ignoring limit (ODS 7.3).',
    models: 'DMS-style strict validation shipped on a host that claims ODS 7.3 behaviour.',
    violates: ['SES-GET-CURSOR-LIMIT-IGNORED'],
    onRequest: (req) =>
      isList(req) && req.query.has('pageToken') && req.query.has('pageSize') && req.query.has('limit') ? cursorLimitProblem(req) : req,
  },
  {
    id: 'PartitionsOverlap',
    description: "Each partition token's range ends at the next partition's first item (inclusive), so partitions share items.",
    models: 'Partition boundaries computed as [start_i, start_{i+1}] instead of [start_i, start_{i+1} - 1].',
    violates: ['SES-PART-WALK'],
    onResponse: (req, res) =>
      isPartitions(req)
        ? overlappingPartitions(res)
        : res,
  },
  {
    id: 'PartitionsSkipBoundaryItems',
    description: 'Every partition after the first starts one id late, losing its first item.',
    models: 'Partition starts computed as the previous partition end + 1 where the end was already exclusive.',
    violates: ['SES-PART-WALK'],
    onResponse: (req, res) =>
      isPartitions(req)
        ? editPartitionTokens(res, (tokens) => tokens.map((t, i) => (i === 0 ? t : editPageToken(t, (r) => ({ ...r, min: r.min + 1 })))))
        : res,
  },
  {
    id: 'PartitionNumberUnbounded',
    description: 'number outside 1..200 is clamped instead of refused with 400.',
    models: 'A host that clamps the partition count instead of validating it.',
    violates: ['SES-PART-400-NUMBER'],
    onRequest: (req) => {
      const n = intParam(req.query, 'number');
      if (!isPartitions(req) || n === undefined || (n >= 1 && n <= 200)) return req;
      return withQuery(req, (q) => q.set('number', String(Math.min(200, Math.max(1, n)))));
    },
  },
  {
    id: 'PartitionNumberMaximumRefused',
    description: 'number=200, the documented maximum, is refused with 400.',
    models: 'An off-by-one bound (`number >= 200`) in the partitions validator.',
    violates: ['SES-PART-NUMBER-BOUNDS'],
    onRequest: (req) => (isPartitions(req) && intParam(req.query, 'number') === 200 ? numberProblem(req) : req),
  },
  {
    id: 'PartitionsIgnoreFilters',
    description: 'The partitions endpoint ignores query filters, so a filter matching nothing still yields tokens.',
    models: 'A partition query built over the whole table because the filter binding was only wired into GET-many.',
    violates: ['SES-PART-EMPTY'],
    onRequest: (req) => (isPartitions(req) ? withQuery(req, (q) => SESSION_FILTERS.forEach((name) => q.delete(name))) : req),
  },
];
