// Status-code faults: the right thing happens in the database, but the host reports it with the
// wrong code, or an error escapes as a 500. The eight Http500On<Operation> faults are also how
// the 500 rows of the seed matrix get elicited: each answers one operation with the Ed-Fi system
// error body ODS renders for an unhandled exception.
import { problem } from '../../http/problem.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { hasProblemType, isOperation, problemBody, sessionsPathOf, systemError, type SessionOperation, UNAUTHENTICATED_REQUIREMENTS } from './match.js';

function swapStatus(res: HostResponse, from: number, to: number, body?: unknown): HostResponse {
  if (res.status !== from) return res;
  return body === undefined ? { ...res, status: to } : { ...res, status: to, body, contentType: 'application/json; charset=utf-8' };
}

/** A 4xx problem of the given type re-rendered as another problem (keeps the correlation id). */
function reProblem(req: HostRequest, res: HostResponse, status: number, type: string, title: string, detail: string): HostResponse {
  const body = problemBody(res);
  return problem({ status, type, title, detail, correlationId: String(body?.correlationId ?? req.correlationId) });
}

export const statusSwapFaults: Fault[] = [
  {
    id: 'PostCreateAnswers200',
    description: 'A POST that creates a new session answers 200 instead of 201.',
    models: 'An upsert endpoint that reports every successful POST as "OK" without telling a create from an update.',
    violates: ['SES-POST-201-CREATED'],
    onResponse: (req, res) => (isOperation(req, 'PostSession') ? swapStatus(res, 201, 200) : res),
  },
  {
    id: 'PostUpsertAnswers201',
    description: 'A POST that updates an existing session (same natural key) answers 201 instead of 200.',
    models: 'An upsert endpoint that always answers "Created", so clients cannot tell they overwrote an item.',
    violates: ['SES-POST-200-UPSERT'],
    onResponse: (req, res) => (isOperation(req, 'PostSession') ? swapStatus(res, 200, 201) : res),
  },
  {
    id: 'PutAnswers200',
    description: 'A successful PUT answers 200 with an empty JSON object instead of 204 with no body.',
    models: 'A framework default that turns every successful handler result into 200 with a body.',
    // The key-change PUT is a PUT too.
    violates: ['SES-PUT-204-UPDATED', 'SES-PUT-KEY-CHANGE-KEEPS-ID'],
    onResponse: (req, res) => (isOperation(req, 'PutSession') ? swapStatus(res, 204, 200, {}) : res),
  },
  {
    id: 'DeleteAnswers200',
    description: 'A successful DELETE answers 200 with an empty JSON object instead of 204.',
    models: 'A DELETE handler that returns the "deleted" result object with 200 OK.',
    violates: ['SES-DELETE-204-DELETED'],
    onResponse: (req, res) => (isOperation(req, 'DeleteSessionById') ? swapStatus(res, 204, 200, {}) : res),
  },
  {
    id: 'StaleIfMatchAnswers409',
    description: 'A write with a stale If-Match answers 409 multi-user-conflict instead of 412 optimistic-lock-failed.',
    models: 'A host that maps its concurrency exception to "Conflict" instead of "Precondition Failed".',
    // Every 412 of the host: course offerings' too.
    violates: ['SES-PUT-412-STALE', 'SES-DELETE-412-STALE', 'SES-POST-412-STALE', 'CO-PUT-412-STALE', 'CO-DELETE-412-STALE', 'CO-POST-412-STALE', 'CO-ETAG-IFMATCH-STAR-REJECTED'],
    onResponse: (req, res) =>
      res.status === 412
        ? reProblem(req, res, 409, 'urn:ed-fi:api:data-conflict:multi-user-conflict', 'Multi-User Conflict', 'The item has been modified by another user.')
        : res,
  },
  {
    id: 'UnknownIdAnswers200Empty',
    description: 'GET by an id that names no session answers 200 with {} instead of 404.',
    models: 'A repository that returns an empty object instead of null, serialised as a found item.',
    violates: ['SES-GETBYID-404-UNKNOWN', 'SES-DELETE-204-DELETED'],
    onResponse: (req, res) =>
      isOperation(req, 'GetSessionsById') && hasProblemType(res, 'urn:ed-fi:api:not-found') && req.headers['use-snapshot'] === undefined
        ? { status: 200, body: {}, contentType: 'application/json; charset=utf-8' }
        : res,
  },
  {
    id: 'UnauthenticatedAnswers403',
    description: 'Requests without a usable bearer token answer 403 security:authorization instead of 401.',
    models: 'A host that does not tell "who are you?" (401) from "you may not" (403).',
    violates: [...UNAUTHENTICATED_REQUIREMENTS, 'SES-AUTH-401-EXPIRED-TOKEN', 'CO-AUTH-401-EXPIRED-TOKEN'],
    onResponse: (req, res) =>
      res.status === 401 && hasProblemType(res, 'urn:ed-fi:api:security:authentication')
        ? reProblem(req, res, 403, 'urn:ed-fi:api:security:authorization', 'Authorization Denied', 'Access to the requested data could not be authorized.')
        : res,
  },
  {
    id: 'CollectionMethodAnswers404',
    description: 'PUT, DELETE, PATCH, HEAD and OPTIONS on the sessions collection answer 404 instead of 405.',
    models: 'A router with no catch-all for unsupported verbs, so the request falls through to "not found".',
    violates: ['SES-PUT-405-NO-ID', 'SES-DELETE-405-NO-ID', 'SES-COLLECTION-405-METHOD'],
    onResponse: (req, res) =>
      res.status === 405 && sessionsPathOf(req) === '' && hasProblemType(res, 'urn:ed-fi:api:method-not-allowed')
        ? reProblem(req, res, 404, 'urn:ed-fi:api:not-found', 'Not Found', 'The specified data could not be found.')
        : res,
  },
  {
    id: 'PostWithIdAnswers404',
    description: 'POST to /ed-fi/sessions/{id} answers 404 instead of 405 method-not-allowed.',
    models: 'A router that only knows GET/PUT/DELETE on item routes and reports other verbs as unknown paths.',
    violates: ['SES-POST-405-WITH-ID'],
    onResponse: (req, res) =>
      res.status === 405 && req.method.toUpperCase() === 'POST' && (sessionsPathOf(req) ?? '') !== '' && hasProblemType(res, 'urn:ed-fi:api:method-not-allowed')
        ? reProblem(req, res, 404, 'urn:ed-fi:api:not-found', 'Not Found', 'The specified data could not be found.')
        : res,
  },
  {
    id: 'DependentItemDeleteAnswers500',
    description: 'DELETE of a session referenced by a course offering answers 500 instead of 409 dependent-item-exists.',
    models: 'A foreign-key violation from the database that is not translated and escapes as an unhandled error.',
    violates: ['SES-DELETE-409-DEPENDENT'],
    // Sessions only: the course-offering delete has its own (CoDependentDeleteAnswers500).
    onResponse: (req, res) =>
      isOperation(req, 'DeleteSessionById') && hasProblemType(res, 'urn:ed-fi:api:data-conflict:dependent-item-exists') ? systemError(req) : res,
  },
  {
    id: 'KeyCollisionAnswers500',
    description: 'A PUT whose key change collides with another session answers 500 instead of 409 non-unique-identity.',
    models: 'A primary-key violation raised by the cascade update that the host does not map to a conflict.',
    violates: ['SES-PUT-409-KEY-COLLISION'],
    onResponse: (req, res) => (hasProblemType(res, 'urn:ed-fi:api:data-conflict:non-unique-identity') ? systemError(req) : res),
  },
];

/** The documented success requirement of each operation: what a 500 on it breaks. */
const SUCCESS_REQUIREMENTS: Record<SessionOperation, string[]> = {
  GetSessions: ['SES-GET-200-LIST'],
  GetSessionsById: ['SES-GETBYID-200-FOUND'],
  PostSession: ['SES-POST-201-CREATED'],
  // The key-change PUTs and the refused DELETE of a referenced session are PUTs and DELETEs too.
  PutSession: ['SES-PUT-204-UPDATED', 'SES-PUT-KEY-CHANGE-KEEPS-ID', 'SES-PUT-409-KEY-COLLISION'],
  DeleteSessionById: ['SES-DELETE-204-DELETED', 'SES-DELETE-409-DEPENDENT'],
  DeletesSessions: ['SES-DELETES-200'],
  KeyChangesSessions: ['SES-KEYCHG-200'],
  GetSessionsPartitions: ['SES-PART-200'],
};


/** GET-many and partitions fail only on filtered queries: the broken part is the filter SQL. */
const FILTER_PARAMETERS = ['sessionName', 'schoolId', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate', 'totalInstructionalDays'];
const hasFilter = (req: HostRequest): boolean => FILTER_PARAMETERS.some((name) => req.query.has(name));

const BROKEN_PART: Record<SessionOperation, string> = {
  GetSessions: 'the filtered list query',
  GetSessionsById: 'the by-id read',
  PostSession: 'the upsert',
  PutSession: 'the update',
  DeleteSessionById: 'the delete',
  DeletesSessions: 'the tracked-deletes query',
  KeyChangesSessions: 'the tracked-key-changes query',
  GetSessionsPartitions: 'the filtered partition query',
};

function http500On(operation: SessionOperation): Fault {
  const filteredOnly = operation === 'GetSessions' || operation === 'GetSessionsPartitions';
  return {
    id: `Http500On${operation}`,
    description: `${filteredOnly ? `Every ${operation} request with a query filter` : `Every ${operation} request`} answers 500 with the Ed-Fi system error body (urn:ed-fi:api:system).`,
    models: `A deployment where ${BROKEN_PART[operation]} throws (a column missing after a half-applied migration), caught by the host's last-chance handler.`,
    violates: SUCCESS_REQUIREMENTS[operation],
    // Answered before routing, as an exception thrown early in the pipeline would be; the body
    // is the proper Ed-Fi 500 problem, so checks can both see the failure and validate the shape.
    onRequest: (req) => (isOperation(req, operation) && (!filteredOnly || hasFilter(req)) ? systemError(req) : req),
  };
}

export const http500Faults: Fault[] = (
  [
    'GetSessions',
    'GetSessionsById',
    'PostSession',
    'PutSession',
    'DeleteSessionById',
    'DeletesSessions',
    'KeyChangesSessions',
    'GetSessionsPartitions',
  ] as const
).map(http500On);
