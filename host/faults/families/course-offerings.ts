// Course-offering faults: vendor deviations confined to ed-fi/courseOfferings, the host's second
// resource, so the kill matrix proves the checks the families expand for it (CO- requirements) can
// fail on their own. Every fault acts through request/response hooks scoped to the course-offering
// path (./match.ts resourcePathOf), never through a handler; the sessions faults stay in their own
// families and leave this resource alone unless they model a host-wide bug.
import { problem } from '../../http/problem.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks, FaultScope } from '../types.js';
import {
  hasProblemType,
  isPlainObject,
  problemBody,
  responseHeader,
  responseJson,
  systemError,
  withoutRequestHeader,
  withoutResponseHeader,
  withResponseHeader,
} from './match.js';

export const COURSE_OFFERINGS_PATH = '/data/v3/ed-fi/courseOfferings';

/** The documented operations of ed-fi/courseOfferings that these faults touch (OpenAPI names). */
export type CourseOfferingOperation =
  | 'GetCourseOfferings'
  | 'GetCourseOfferingsById'
  | 'PostCourseOffering'
  | 'PutCourseOffering'
  | 'DeleteCourseOfferingById';

const trimSlash = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** The path segment after /ed-fi/courseOfferings/, '' for the collection, undefined elsewhere. */
export function courseOfferingsPathOf(req: HostRequest): string | undefined {
  const path = trimSlash(req.path);
  const lower = path.toLowerCase();
  const base = COURSE_OFFERINGS_PATH.toLowerCase();
  if (lower === base) return '';
  if (lower.startsWith(base + '/')) return path.slice(base.length + 1);
  return undefined;
}

const TRACKED = new Set(['deletes', 'keychanges', 'partitions']);

export function courseOfferingOperationOf(req: HostRequest): CourseOfferingOperation | undefined {
  const tail = courseOfferingsPathOf(req);
  if (tail === undefined) return undefined;
  const method = req.method.toUpperCase();
  if (tail === '') return method === 'GET' ? 'GetCourseOfferings' : method === 'POST' ? 'PostCourseOffering' : undefined;
  if (tail.includes('/') || TRACKED.has(tail.toLowerCase())) return undefined;
  if (method === 'GET') return 'GetCourseOfferingsById';
  if (method === 'PUT') return 'PutCourseOffering';
  if (method === 'DELETE') return 'DeleteCourseOfferingById';
  return undefined;
}

const isCo = (req: HostRequest, ...ops: CourseOfferingOperation[]): boolean => {
  const op = courseOfferingOperationOf(req);
  return op !== undefined && ops.includes(op);
};

/** The id of a by-id course-offering operation. */
const coIdOf = (req: HostRequest): string | undefined =>
  isCo(req, 'GetCourseOfferingsById', 'PutCourseOffering', 'DeleteCourseOfferingById') ? courseOfferingsPathOf(req)?.toLowerCase() : undefined;

const unquote = (value: string): string => value.trim().replace(/^"|"$/g, '');

/** A 405 method-not-allowed problem re-rendered as another status (keeps the correlation id). */
function methodNotAllowedAs(req: HostRequest, res: HostResponse, status: 404 | 500): HostResponse {
  if (res.status !== 405 || !hasProblemType(res, 'urn:ed-fi:api:method-not-allowed')) return res;
  if (status === 500) return systemError(req);
  const correlationId = String(problemBody(res)?.correlationId ?? req.correlationId);
  return problem({ status: 404, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: 'The specified data could not be found.', correlationId });
}

// ---- CoEtagFrozenAtCreate: the ETag is the create's, for ever ------------------------------
// The first ETag the host hands out for an item is repeated on every later answer; an If-Match or
// If-None-Match carrying it is treated as current, as a host that derives its ETag from the
// create timestamp would.
function etagFrozenAtCreate(): FaultHooks {
  const firstEtag = new Map<string, string>();
  const idOf = (req: HostRequest, res?: HostResponse): string | undefined => {
    if (res && isCo(req, 'PostCourseOffering')) {
      const location = responseHeader(res, 'Location');
      return location?.replace(/\/+$/, '').split('/').pop()?.toLowerCase();
    }
    return coIdOf(req);
  };
  return {
    onRequest: (req): HostRequest | HostResponse => {
      const id = idOf(req);
      const frozen = id === undefined ? undefined : firstEtag.get(id);
      if (frozen === undefined) return req;
      const ifMatch = req.headers['if-match'];
      if (ifMatch !== undefined && unquote(ifMatch) === frozen) return withoutRequestHeader(req, 'if-match');
      const ifNoneMatch = req.headers['if-none-match'];
      if (isCo(req, 'GetCourseOfferingsById') && ifNoneMatch !== undefined && unquote(ifNoneMatch) === frozen) {
        return { status: 304, headers: { ETag: `"${frozen}"` } };
      }
      return req;
    },
    onResponse: (req, res): HostResponse => {
      const id = idOf(req, res);
      const header = responseHeader(res, 'ETag');
      if (id === undefined || header === undefined) return res;
      if (!firstEtag.has(id)) firstEtag.set(id, unquote(header));
      const frozen = firstEtag.get(id) as string;
      let out = withResponseHeader(res, 'ETag', `"${frozen}"`);
      const body = responseJson(res);
      if (isCo(req, 'GetCourseOfferingsById') && res.status === 200 && isPlainObject(body) && '_etag' in body) out = { ...out, body: { ...body, _etag: frozen } };
      return out;
    },
  };
}

// ---- CoDeleteKeepsItem: the DELETE is acknowledged, the item stays readable ----------------
// Deletes really happen (so runs leave nothing behind), but GET by id keeps serving what the item
// was, as a host whose by-id cache is never invalidated on delete would.
function deleteKeepsItem({ inner }: FaultScope): FaultHooks {
  const kept = new Map<string, { body: unknown; etag?: string }>();
  const before = new WeakMap<HostRequest, { body: unknown; etag?: string }>();
  return {
    onRequest: async (req): Promise<HostRequest | HostResponse> => {
      const id = coIdOf(req);
      if (id === undefined || req.headers['use-snapshot'] !== undefined) return req;
      if (isCo(req, 'GetCourseOfferingsById')) {
        const item = kept.get(id);
        return item ? { status: 200, body: item.body, headers: item.etag ? { ETag: item.etag } : {} } : req;
      }
      if (isCo(req, 'DeleteCourseOfferingById')) {
        const read = await inner({ ...withoutRequestHeader(withoutRequestHeader(req, 'if-match'), 'content-type'), method: 'GET', body: Buffer.alloc(0) });
        if (read.status === 200) before.set(req, { body: responseJson(read), etag: responseHeader(read, 'ETag') });
      }
      return req;
    },
    onResponse: (req, res): HostResponse => {
      const id = coIdOf(req);
      const item = before.get(req);
      if (id !== undefined && item && res.status === 204) kept.set(id, item);
      return res;
    },
  };
}

/**
 * What a 500 on each operation breaks: its success requirement, and every other requirement whose
 * check sends that operation as its act (the 500 is answered before routing, so 404s, 400s, 405s
 * and 412s of that operation turn into 500s too). The 500s of GET-many, /partitions, /deletes and
 * /keyChanges are in ./course-offerings-paging.ts, with the other list-side faults.
 */
type Http500Operation = Exclude<CourseOfferingOperation, 'GetCourseOfferings'>;
const BROKEN_REQUIREMENTS: Record<Http500Operation, string[]> = {
  GetCourseOfferingsById: ['CO-GETBYID-200-FOUND', 'CO-POST-LOCATION-RESOLVES', 'CO-GETBYID-404-UNKNOWN', 'CO-GETBYID-404-MALFORMED-ID', 'CO-GETBYID-400-PROFILE-USAGE'],
  PostCourseOffering: ['CO-POST-201-CREATED', 'CO-POST-400-ID-IN-BODY', 'CO-POST-405-USE-SNAPSHOT', 'CO-WRITE-405-SNAPSHOT-ANY-VALUE'],
  PutCourseOffering: [
    'CO-PUT-204-UPDATED',
    'CO-PUT-IFMATCH-CURRENT',
    'CO-ETAG-IFMATCH-STAR-REJECTED',
    'CO-PUT-405-USE-SNAPSHOT',
    'CO-PUT-404-UNKNOWN-ID',
    'CO-PUT-400-MALFORMED-ID',
    'CO-PUT-BODY-ID-IGNORED',
    'CO-PUT-BODY-ID-OMITTED',
  ],
  DeleteCourseOfferingById: [
    'CO-DELETE-204-DELETED',
    'CO-DELETE-IFMATCH-CURRENT',
    'CO-DELETE-412-STALE',
    'CO-DELETE-404-UNKNOWN-ID',
    'CO-DELETE-400-MALFORMED-ID',
    'CO-DELETE-405-USE-SNAPSHOT',
    'CO-DELETE-409-DEPENDENT',
  ],
};

const BROKEN_PART: Record<Http500Operation, string> = {
  GetCourseOfferingsById: 'the course-offering by-id read',
  PostCourseOffering: 'the course-offering upsert',
  PutCourseOffering: 'the course-offering update',
  DeleteCourseOfferingById: 'the course-offering delete',
};

function http500On(operation: Http500Operation): Fault {
  return {
    id: `Http500On${operation}`,
    description: `Every ${operation} request answers 500 with the Ed-Fi system error body (urn:ed-fi:api:system).`,
    models: `A deployment where ${BROKEN_PART[operation]} throws (a column of edfi.CourseOffering missing after a half-applied migration), caught by the host's last-chance handler.`,
    violates: BROKEN_REQUIREMENTS[operation],
    // Answered before routing, as an exception thrown early in the pipeline would be.
    onRequest: (req) => (isCo(req, operation) ? systemError(req) : req),
  };
}

export const courseOfferingFaults: Fault[] = [
  {
    id: 'CoPostCreateAnswers200',
    description: 'A POST that creates a new course offering answers 200 instead of 201.',
    models: "A resource whose upsert was generated from a template that reports every POST as 'OK', without telling a create from an update.",
    violates: ['CO-POST-201-CREATED'],
    onResponse: (req, res) => (isCo(req, 'PostCourseOffering') && res.status === 201 ? { ...res, status: 200 } : res),
  },
  {
    id: 'CoIfMatchIgnoredOnPut',
    description: 'PUT on a course offering ignores If-Match: a stale ETag overwrites the item (204).',
    models: 'A host that implemented optimistic locking for some resources only, leaving course-offering updates last-writer-wins.',
    violates: ['CO-PUT-412-STALE', 'CO-ETAG-IFMATCH-STAR-REJECTED'],
    onRequest: (req) => (isCo(req, 'PutCourseOffering') ? withoutRequestHeader(req, 'if-match') : req),
  },
  {
    id: 'CoIfMatchIgnoredOnDelete',
    description: 'DELETE of a course offering ignores If-Match: a stale ETag still deletes the item (204).',
    models: 'A delete path that never reads the concurrency token for this resource.',
    violates: ['CO-DELETE-412-STALE'],
    onRequest: (req) => (isCo(req, 'DeleteCourseOfferingById') ? withoutRequestHeader(req, 'if-match') : req),
  },
  {
    id: 'CoLocationMissing',
    description: 'A POST on course offerings answers without a Location header (201 and 200 alike).',
    models: 'A controller that builds the Location only for resources whose route template it knows.',
    violates: ['CO-POST-201-CREATED', 'CO-POST-LOCATION-RESOLVES'],
    onResponse: (req, res) => (isCo(req, 'PostCourseOffering') ? withoutResponseHeader(res, 'Location') : res),
  },
  {
    id: 'CoLocationNamesSingular',
    description: "A POST on course offerings answers a Location under /ed-fi/courseOffering/{id} (the singular), a path that serves nothing.",
    models: 'A Location built from the schema name instead of the collection route, so it names a path the host does not serve.',
    violates: ['CO-POST-201-CREATED', 'CO-POST-LOCATION-RESOLVES'],
    onResponse: (req, res) => {
      const location = isCo(req, 'PostCourseOffering') ? responseHeader(res, 'Location') : undefined;
      return location === undefined ? res : withResponseHeader(res, 'Location', location.replace(/\/courseOfferings\//i, '/courseOffering/'));
    },
  },
  {
    id: 'CoGetByIdEtagMissing',
    description: 'GET of a course offering by id answers 200 without an ETag header (_etag stays in the body).',
    models: 'A read path that serialises the entity but forgets to copy its version into the response headers.',
    violates: ['CO-GETBYID-200-FOUND', 'CO-ETAG-HEADER-QUOTED'],
    onResponse: (req, res) => (isCo(req, 'GetCourseOfferingsById') ? withoutResponseHeader(res, 'ETag') : res),
  },
  {
    id: 'CoEtagUnquoted',
    description: 'Every ETag header on course offerings is sent without its quotes.',
    models: 'A host that writes the version number as the header value, not as an RFC 9110 entity tag.',
    violates: ['CO-ETAG-HEADER-QUOTED', 'CO-POST-201-CREATED', 'CO-POST-200-UPSERT', 'CO-GETBYID-200-FOUND', 'CO-PUT-204-UPDATED'],
    onResponse: (req, res) => {
      const etag = courseOfferingOperationOf(req) === undefined ? undefined : responseHeader(res, 'ETag');
      return etag === undefined ? res : withResponseHeader(res, 'ETag', unquote(etag));
    },
  },
  {
    id: 'CoEtagFrozenAtCreate',
    description: "A course offering's ETag never changes after its create; If-Match and If-None-Match with that first value always match.",
    models: 'An ETag derived from the create timestamp instead of the last modification, so updates are invisible to caches and to optimistic locking.',
    violates: ['CO-ETAG-CHANGES-ON-UPDATE', 'CO-GETBYID-IFNONEMATCH-STALE'],
    perHost: etagFrozenAtCreate,
  },
  {
    id: 'CoCollectionMethodAnswers404',
    description: 'PUT, DELETE, PATCH, HEAD and OPTIONS on the course-offering collection answer 404 instead of 405.',
    models: 'A router with no catch-all for unsupported verbs on this resource, so the request falls through to "not found".',
    violates: ['CO-PUT-405-NO-ID', 'CO-DELETE-405-NO-ID', 'CO-COLLECTION-405-METHOD'],
    onResponse: (req, res) => (courseOfferingsPathOf(req) === '' ? methodNotAllowedAs(req, res, 404) : res),
  },
  {
    id: 'CoPostWithIdAnswers500',
    description: 'POST to /ed-fi/courseOfferings/{id} answers 500 instead of 405 method-not-allowed.',
    models: 'An item route that binds POST to no action, so the framework throws and the last-chance handler answers.',
    violates: ['CO-POST-405-WITH-ID'],
    onResponse: (req, res) =>
      req.method.toUpperCase() === 'POST' && (courseOfferingsPathOf(req) ?? '') !== '' ? methodNotAllowedAs(req, res, 500) : res,
  },
  {
    id: 'CoDeleteKeepsItem',
    description: 'A DELETE of a course offering answers 204, but GET by id keeps answering 200 with the deleted item.',
    models: 'A by-id read cache for this resource that is never invalidated on delete.',
    violates: ['CO-DELETE-204-DELETED', 'CO-DELETE-IFMATCH-CURRENT'],
    perHost: deleteKeepsItem,
  },
  {
    id: 'CoNotFoundWithoutProblem',
    description: 'GET of a course offering by an unknown id answers 404 with an empty body instead of a not-found problem.',
    models: 'A framework NotFound() result returned directly, bypassing the Ed-Fi problem-details renderer.',
    violates: ['CO-GETBYID-404-UNKNOWN', 'CO-GETBYID-404-MALFORMED-ID'],
    onResponse: (req, res) =>
      isCo(req, 'GetCourseOfferingsById') && res.status === 404 ? { status: 404, headers: { ...(res.headers ?? {}) } } : res,
  },
  ...(['GetCourseOfferingsById', 'PostCourseOffering', 'PutCourseOffering', 'DeleteCourseOfferingById'] as const).map(http500On),
];
