// Course-offering faults for the list side and the ETag rules the CRUD faults of
// ./course-offerings.ts leave unproven: limit/offset paging, Total-Count, cursor paging, partitions,
// an identical re-POST, the body's _etag and If-None-Match, plus the 500s of GET-many, /partitions,
// /deletes and /keyChanges. Each is a vendor deviation confined to ed-fi/courseOfferings (the
// sessions versions live in ./paging.ts, ./cursor.ts, ./etag.ts and ./status.ts), so the kill
// matrix shows the CO- checks the paging, cursor, partitions and etag families expand can fail on
// their own. Hooks only, matched by path through course-offerings.ts's exported matchers.
import { parameterValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks, FaultScope } from '../types.js';
import { COURSE_OFFERINGS_PATH, courseOfferingOperationOf, courseOfferingsPathOf } from './course-offerings.js';
import {
  decodePageToken,
  editPageToken,
  editPartitionTokens,
  overlappingPartitions,
  idFromLocation,
  intParam,
  isPlainObject,
  requestJson,
  responseHeader,
  responseJson,
  systemError,
  withJsonBody,
  withoutRequestHeader,
  withoutResponseHeader,
  withQuery,
  withResponseHeader,
} from './match.js';

/** The course-offering endpoints the CRUD matchers leave out: GET-many and the three list paths. */
type CoListOperation = 'GetCourseOfferings' | 'GetCourseOfferingsPartitions' | 'DeletesCourseOfferings' | 'KeyChangesCourseOfferings';

const LIST_TAILS: Record<string, CoListOperation> = {
  '': 'GetCourseOfferings',
  partitions: 'GetCourseOfferingsPartitions',
  deletes: 'DeletesCourseOfferings',
  keychanges: 'KeyChangesCourseOfferings',
};

function coListOperationOf(req: HostRequest): CoListOperation | undefined {
  const tail = courseOfferingsPathOf(req);
  return req.method.toUpperCase() === 'GET' && tail !== undefined ? LIST_TAILS[tail.toLowerCase()] : undefined;
}

const isList = (req: HostRequest): boolean => coListOperationOf(req) === 'GetCourseOfferings';
const isPartitions = (req: HostRequest): boolean => coListOperationOf(req) === 'GetCourseOfferingsPartitions';
const wantsTotalCount = (req: HostRequest): boolean => req.query.get('totalCount')?.toLowerCase() === 'true';

/** The GET-many query filters of ed-fi/courseOfferings (its OpenAPI's property parameters). */
export const COURSE_OFFERING_FILTERS = [
  'localCourseCode',
  'schoolId',
  'schoolYear',
  'sessionName',
  'courseCode',
  'educationOrganizationId',
  'id',
  'instructionalTimePlanned',
  'localCourseTitle',
];
const hasFilter = (req: HostRequest): boolean => COURSE_OFFERING_FILTERS.some((name) => req.query.has(name));

function pageLength(res: HostResponse): number | undefined {
  const body = responseJson(res);
  return Array.isArray(body) ? body.length : undefined;
}

function limitProblem(req: HostRequest): HostResponse {
  return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', ['Limit must be a value between 0 and 499.']);
}

// ---- CoNoOpRepostTouchesItem: an identical re-POST writes the row anyway --------------------
// The host's own upsert skips an unchanged item; this fault makes every upserting POST (200) of a
// course offering really write, through two PUTs under it: one that changes instructionalTimePlanned
// and one that puts the posted body back. The data ends as posted, but lastModifiedDate and so the
// ETag are new, as on a host that always issues the UPDATE. The POST answers the final ETag.
function noOpRepostTouchesItem({ inner }: FaultScope): FaultHooks {
  return {
    onResponse: async (req, res): Promise<HostResponse> => {
      const posted = requestJson(req);
      const id = courseOfferingOperationOf(req) === 'PostCourseOffering' && res.status === 200 ? idFromLocation(res) : undefined;
      if (id === undefined || !isPlainObject(posted)) return res;
      const put = (body: Record<string, unknown>): Promise<HostResponse> =>
        inner(withJsonBody({ ...withoutRequestHeader(req, 'if-match'), method: 'PUT', path: `${COURSE_OFFERINGS_PATH}/${id}` }, body));
      const planned = typeof posted.instructionalTimePlanned === 'number' ? posted.instructionalTimePlanned : 0;
      const touched = await put({ ...posted, instructionalTimePlanned: planned + 1 });
      if (touched.status !== 204) return res;
      const restored = await put(posted);
      const etag = responseHeader(restored, 'ETag');
      return restored.status === 204 && etag !== undefined ? withResponseHeader(res, 'ETag', etag) : res;
    },
  };
}

/** A 500 on one list endpoint: what it breaks and the part of the host that throws. */
interface Http500ListCase {
  operation: CoListOperation;
  /** GET-many and /partitions fail only on filtered queries: the broken part is the filter SQL. */
  filteredOnly: boolean;
  brokenPart: string;
  /**
   * The success requirement of the operation, whose check sends it as its act. The /deletes and
   * /keyChanges ones are the ids the tracked-changes family expands for course offerings
   * (CO-DELETES-200, CO-KEYCHG-200, by template from SES-DELETES-200 and SES-KEYCHG-200).
   */
  violates: string[];
}

const HTTP_500_CASES: Http500ListCase[] = [
  { operation: 'GetCourseOfferings', filteredOnly: true, brokenPart: 'the filtered course-offering list query', violates: ['CO-GET-200-LIST'] },
  { operation: 'GetCourseOfferingsPartitions', filteredOnly: true, brokenPart: 'the filtered course-offering partition query', violates: ['CO-PART-200'] },
  { operation: 'DeletesCourseOfferings', filteredOnly: false, brokenPart: 'the course-offering tracked-deletes query', violates: ['CO-DELETES-200'] },
  { operation: 'KeyChangesCourseOfferings', filteredOnly: false, brokenPart: 'the course-offering tracked-key-changes query', violates: ['CO-KEYCHG-200'] },
];

function http500On({ operation, filteredOnly, brokenPart, violates }: Http500ListCase): Fault {
  return {
    id: `Http500On${operation}`,
    description: `${filteredOnly ? `Every ${operation} request with a query filter` : `Every ${operation} request`} answers 500 with the Ed-Fi system error body (urn:ed-fi:api:system).`,
    models: `A deployment where ${brokenPart} throws (a column of edfi.CourseOffering missing after a half-applied migration), caught by the host's last-chance handler.`,
    violates,
    // Answered before routing, as an exception thrown early in the pipeline would be.
    onRequest: (req) => (coListOperationOf(req) === operation && (!filteredOnly || hasFilter(req)) ? systemError(req) : req),
  };
}

/** The 500 faults of the tracked-change lists: killed only by checks of the tracked-changes family. */
export const courseOfferingTrackedChange500Faults: Fault[] = HTTP_500_CASES.filter((c) => !c.filteredOnly).map(http500On);

export const courseOfferingPagingFaults: Fault[] = [
  // ---- limit/offset paging and Total-Count -------------------------------------------------
  {
    id: 'CoLimitZeroMeansDefault',
    description: 'GET-many of course offerings with limit=0 returns a full default page instead of an empty array.',
    models: 'A falsy check (`limit || defaultLimit`) in a list handler written for this resource.',
    violates: ['CO-GET-PAGING-LIMIT-ZERO'],
    onRequest: (req) => (isList(req) && intParam(req.query, 'limit') === 0 ? withQuery(req, (q) => q.delete('limit')) : req),
  },
  {
    id: 'CoLimitMaximumRefused',
    description: 'GET-many of course offerings refuses limit=500, the documented maximum, with 400.',
    models: 'An off-by-one bound (`limit >= 500`) in the validator of this resource’s list parameters.',
    violates: ['CO-GET-PAGING-LIMIT-MAX'],
    onRequest: (req) => (isList(req) && intParam(req.query, 'limit') === 500 ? limitProblem(req) : req),
  },
  {
    id: 'CoTotalCountIsPageLength',
    description: 'Total-Count on course offerings reports the number of items on the page, not the number that match.',
    models: 'A count taken from the materialised page instead of a separate count query.',
    violates: ['CO-GET-PAGING-TOTAL-COUNT'],
    onResponse: (req, res) => {
      const length = pageLength(res);
      return isList(req) && length !== undefined && responseHeader(res, 'Total-Count') !== undefined ? withResponseHeader(res, 'Total-Count', String(length)) : res;
    },
  },
  {
    id: 'CoTotalCountAlwaysSent',
    description: 'GET-many of course offerings always carries Total-Count (the page length), even when totalCount was not asked for.',
    models: 'A paging filter on this controller that adds the header to every response.',
    violates: ['CO-GET-PAGING-NO-TOTAL-COUNT'],
    onResponse: (req, res) => {
      const length = pageLength(res);
      return isList(req) && res.status === 200 && !wantsTotalCount(req) && length !== undefined ? withResponseHeader(res, 'Total-Count', String(length)) : res;
    },
  },
  {
    id: 'CoOffsetSkipsOneItem',
    description: 'Every positive offset on course offerings skips one extra item, so a limit/offset walk misses one item per page.',
    models: 'An off-by-one between a 1-based page index and a 0-based row offset in this resource’s list query.',
    violates: ['CO-GET-PAGING-OFFSET-WALK'],
    onRequest: (req) => {
      const offset = intParam(req.query, 'offset') ?? 0;
      return isList(req) && offset > 0 ? withQuery(req, (q) => q.set('offset', String(offset + 1))) : req;
    },
  },
  {
    id: 'CoDefaultPageSize25',
    description: 'Without limit, GET-many of course offerings returns at most 25 items instead of 500.',
    models: 'A host that takes the OpenAPI default (25) at face value for this resource; ODS 7.3 returns up to 500.',
    violates: ['CO-GET-PAGING-DEFAULT-SIZE'],
    onRequest: (req) =>
      isList(req) && !req.query.has('limit') && !req.query.has('pageToken') && !req.query.has('pageSize') ? withQuery(req, (q) => q.set('limit', '25')) : req,
  },
  {
    id: 'CoPageNewestFirst',
    description: 'The items of each course-offering GET-many page come newest first instead of in insertion order.',
    models: 'A page reversed for a "latest first" display default after paging.',
    violates: ['CO-GET-PAGING-ORDER'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isList(req) && Array.isArray(body) && body.length > 1 ? { ...res, body: [...body].reverse() } : res;
    },
  },
  // ---- cursor paging -------------------------------------------------------------------------
  {
    id: 'CoNextPageTokenMissing',
    description: 'GET-many of course offerings never sends Next-Page-Token.',
    models: 'A controller that accepts pageToken but never emits the continuation header.',
    // A walk from a partition token follows Next-Page-Token, so it stops after the first page.
    violates: ['CO-GET-CURSOR-NEXT-TOKEN', 'CO-GET-CURSOR-WALK', 'CO-PART-WALK'],
    onResponse: (req, res) => (isList(req) ? withoutResponseHeader(res, 'Next-Page-Token') : res),
  },
  {
    id: 'CoCursorRepeatsLastItem',
    description: "Next-Page-Token on course offerings starts at the page's last item instead of after it, so cursor pages repeat one item.",
    models: 'A keyset cursor built with `>=` on the last seen AggregateId instead of `>`.',
    violates: ['CO-GET-CURSOR-WALK', 'CO-GET-CURSOR-NEXT-TOKEN', 'CO-PART-WALK'],
    onResponse: (req, res) => {
      const token = isList(req) ? responseHeader(res, 'Next-Page-Token') : undefined;
      return token === undefined ? res : withResponseHeader(res, 'Next-Page-Token', editPageToken(token, (r) => ({ ...r, min: r.min - 1 })));
    },
  },
  {
    id: 'CoInvalidPageTokenAnswers500',
    description: 'A course-offering page token that does not decode answers 500 instead of 400.',
    models: 'A token parser whose FormatException is not mapped to a validation problem and escapes to the last-chance handler.',
    violates: ['CO-GET-CURSOR-400-BAD-TOKEN'],
    onRequest: (req) => {
      const token = req.query.get('pageToken');
      return isList(req) && token !== null && decodePageToken(token) === undefined ? systemError(req) : req;
    },
  },
  {
    id: 'CoCursorLimitOverridesPageSize',
    description: 'With pageToken, pageSize and limit together, GET-many of course offerings pages by limit instead of ignoring it (ODS 7.3).',
    models: 'A list handler that applies the legacy limit after the cursor page size, so the smaller one wins.',
    violates: ['CO-GET-CURSOR-LIMIT-IGNORED'],
    onRequest: (req) =>
      isList(req) && req.query.has('pageToken') && req.query.has('pageSize') && req.query.has('limit')
        ? withQuery(req, (q) => {
            q.set('pageSize', q.get('limit') ?? '');
            q.delete('limit');
          })
        : req,
  },
  // ---- partitions ----------------------------------------------------------------------------
  {
    id: 'CoPartitionNumberIgnored',
    description: 'GET /ed-fi/courseOfferings/partitions ignores `number`: it always splits into the default count, and 0 or 201 are not refused.',
    models: 'A partitions action that binds the parameter under another name (numberOfPartitions), so `number` never reaches it.',
    violates: ['CO-PART-200', 'CO-PART-400-NUMBER', 'CO-PART-NUMBER-BOUNDS'],
    onRequest: (req) => (isPartitions(req) && req.query.has('number') ? withQuery(req, (q) => q.delete('number')) : req),
  },
  {
    id: 'CoPartitionsOverlap',
    description: "Each course-offering partition token's range ends at the next partition's first item (inclusive), so partitions share items.",
    models: 'Partition boundaries computed as [start_i, start_{i+1}] instead of [start_i, start_{i+1} - 1].',
    violates: ['CO-PART-WALK'],
    onResponse: (req, res) =>
      isPartitions(req)
        ? overlappingPartitions(res)
        : res,
  },
  {
    id: 'CoPartitionsIgnoreFilters',
    description: 'The course-offering partitions endpoint ignores query filters, so a filter matching nothing still yields tokens.',
    models: "A partition query built over the whole table because the filter binding was only wired into this resource's GET-many.",
    violates: ['CO-PART-EMPTY'],
    onRequest: (req) => (isPartitions(req) ? withQuery(req, (q) => COURSE_OFFERING_FILTERS.forEach((name) => q.delete(name))) : req),
  },
  // ---- ETags ---------------------------------------------------------------------------------
  {
    id: 'CoNoOpRepostTouchesItem',
    description: 'Re-POSTing an identical course offering writes it anyway: a new _lastModifiedDate and so a new ETag.',
    models: 'An upsert generated for this resource that always issues the UPDATE instead of detecting an unmodified entity.',
    violates: ['CO-ETAG-STABLE-ON-IDENTICAL-REPOST'],
    perHost: noOpRepostTouchesItem,
  },
  {
    id: 'CoEtagBodyMismatch',
    description: "GET of a course offering renders _etag from a different value than the ETag header.",
    models: "A mapper that fills the body's _etag from the creation date while the header uses the last-modified date.",
    violates: ['CO-ETAG-BODY-MATCHES-HEADER'],
    onResponse: (req, res) => {
      const body = courseOfferingOperationOf(req) === 'GetCourseOfferingsById' && res.status === 200 ? responseJson(res) : undefined;
      return isPlainObject(body) && typeof body._etag === 'string' && /^\d+$/.test(body._etag)
        ? { ...res, body: { ...body, _etag: (BigInt(body._etag) - 1000n).toString() } }
        : res;
    },
  },
  {
    id: 'CoIfNoneMatchIgnored',
    description: 'GET of a course offering by id ignores If-None-Match and always answers 200 with the body.',
    models: 'A read action of this resource with no conditional-GET support.',
    violates: ['CO-GETBYID-304-NOT-MODIFIED'],
    onRequest: (req) => (courseOfferingOperationOf(req) === 'GetCourseOfferingsById' ? withoutRequestHeader(req, 'if-none-match') : req),
  },
  // ---- 500s of GET-many and /partitions (those of /deletes and /keyChanges are apart, above) --
  ...HTTP_500_CASES.filter((c) => c.filteredOnly).map(http500On),
];
