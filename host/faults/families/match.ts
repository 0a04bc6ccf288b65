// Small shared matchers and rewriters for fault hooks. A fault must misbehave on exactly the
// requests its bug concerns (e.g. only GET /data/v3/ed-fi/sessions with totalCount=true), so the
// families describe "which request" with these helpers instead of repeating path arithmetic.
import { systemError as hostSystemError } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';

export const SESSIONS_PATH = '/data/v3/ed-fi/sessions';

/** The 401 requirements whose statement includes a request with no usable bearer token, of every resource. */
export const UNAUTHENTICATED_REQUIREMENTS = [
  'SES-GET-401-UNAUTHENTICATED',
  'SES-GETBYID-401-UNAUTHENTICATED',
  'SES-POST-401-UNAUTHENTICATED',
  'SES-PUT-401-UNAUTHENTICATED',
  'SES-DELETE-401-UNAUTHENTICATED',
  'SES-DELETES-401-UNAUTHENTICATED',
  'SES-KEYCHG-401-UNAUTHENTICATED',
  'SES-PART-401-UNAUTHENTICATED',
  // Course offerings' (the families "authentication", "tracked-changes"): the host's authentication is host-wide.
  'CO-GET-401-UNAUTHENTICATED',
  'CO-GETBYID-401-UNAUTHENTICATED',
  'CO-POST-401-UNAUTHENTICATED',
  'CO-PUT-401-UNAUTHENTICATED',
  'CO-DELETE-401-UNAUTHENTICATED',
  'CO-PART-401-UNAUTHENTICATED',
  'CO-DELETES-401-UNAUTHENTICATED',
  'CO-KEYCHG-401-UNAUTHENTICATED',
];

/** The eight documented operations of the sessions resource (names as in the seeds). */
export type SessionOperation =
  | 'GetSessions'
  | 'GetSessionsById'
  | 'PostSession'
  | 'PutSession'
  | 'DeleteSessionById'
  | 'DeletesSessions'
  | 'KeyChangesSessions'
  | 'GetSessionsPartitions';

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** The path segment after /ed-fi/sessions/, or '' for the collection, or undefined elsewhere. */
export function sessionsPathOf(req: HostRequest): string | undefined {
  const path = trimSlash(req.path).toLowerCase();
  if (path === SESSIONS_PATH) return '';
  if (path.startsWith(SESSIONS_PATH + '/')) return trimSlash(req.path).slice(SESSIONS_PATH.length + 1);
  return undefined;
}

/** Which documented operation a request addresses, if any (405 cases map to none). */
export function operationOf(req: HostRequest): SessionOperation | undefined {
  const tail = sessionsPathOf(req);
  if (tail === undefined) return undefined;
  const method = req.method.toUpperCase();
  const lowerTail = tail.toLowerCase();
  if (tail === '') {
    if (method === 'GET') return 'GetSessions';
    if (method === 'POST') return 'PostSession';
    return undefined;
  }
  if (tail.includes('/')) return undefined;
  if (method === 'GET' && lowerTail === 'deletes') return 'DeletesSessions';
  if (method === 'GET' && lowerTail === 'keychanges') return 'KeyChangesSessions';
  if (method === 'GET' && lowerTail === 'partitions') return 'GetSessionsPartitions';
  if (method === 'GET') return 'GetSessionsById';
  if (method === 'PUT') return 'PutSession';
  if (method === 'DELETE') return 'DeleteSessionById';
  return undefined;
}

export function isOperation(req: HostRequest, ...ops: SessionOperation[]): boolean {
  const op = operationOf(req);
  return op !== undefined && ops.includes(op);
}

/** Any write (POST, PUT, DELETE) addressed to the sessions resource. */
export function isSessionWrite(req: HostRequest): boolean {
  return sessionsPathOf(req) !== undefined && ['POST', 'PUT', 'DELETE'].includes(req.method.toUpperCase());
}

/** The id in /ed-fi/sessions/{id}, for by-id operations. */
export function idFromPath(req: HostRequest): string | undefined {
  const op = operationOf(req);
  if (op !== 'GetSessionsById' && op !== 'PutSession' && op !== 'DeleteSessionById') return undefined;
  return sessionsPathOf(req);
}

export function isAvailableChangeVersions(req: HostRequest): boolean {
  return req.method.toUpperCase() === 'GET' && trimSlash(req.path).toLowerCase() === '/changequeries/v1/availablechangeversions';
}

/** Any request to the data API or the change-query API (the routes that need a bearer token). */
export function isDataRequest(req: HostRequest): boolean {
  return /^\/(data|changeQueries)(\/|$)/i.test(req.path);
}

/** GET of a resource collection under the data API: /data/v3/{namespace}/{resource}. */
export function isCollectionRead(req: HostRequest): boolean {
  return req.method.toUpperCase() === 'GET' && /^\/data\/v3\/[^/]+\/[^/]+\/?$/i.test(req.path);
}

export function isTokenRequest(req: HostRequest): boolean {
  return req.method.toUpperCase() === 'POST' && trimSlash(req.path).toLowerCase() === '/oauth/token';
}

// ---- request rewriting --------------------------------------------------------------------

/** A copy of the request with its query rewritten by `edit`. */
export function withQuery(req: HostRequest, edit: (query: URLSearchParams) => void): HostRequest {
  const query = new URLSearchParams(req.query);
  edit(query);
  return { ...req, query };
}

export function withoutRequestHeader(req: HostRequest, name: string): HostRequest {
  const headers = { ...req.headers };
  delete headers[name.toLowerCase()];
  return { ...req, headers };
}

export function withRequestHeader(req: HostRequest, name: string, value: string): HostRequest {
  return { ...req, headers: { ...req.headers, [name.toLowerCase()]: value } };
}

/** The request body parsed as JSON, or undefined when it is empty or not JSON. */
export function requestJson(req: HostRequest): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function withJsonBody(req: HostRequest, value: unknown): HostRequest {
  return { ...req, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** An integer query parameter, or undefined when absent or not an integer. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

// ---- response reading and rewriting --------------------------------------------------------

function headerKey(res: HostResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.keys(res.headers ?? {}).find((key) => key.toLowerCase() === wanted);
}

export function responseHeader(res: HostResponse, name: string): string | undefined {
  const key = headerKey(res, name);
  return key === undefined ? undefined : res.headers?.[key];
}

export function withResponseHeader(res: HostResponse, name: string, value: string): HostResponse {
  const headers = { ...(res.headers ?? {}) };
  const key = headerKey(res, name);
  if (key !== undefined) delete headers[key];
  headers[name] = value;
  return { ...res, headers };
}

export function withoutResponseHeader(res: HostResponse, name: string): HostResponse {
  const key = headerKey(res, name);
  if (key === undefined) return res;
  const headers = { ...(res.headers ?? {}) };
  delete headers[key];
  return { ...res, headers };
}

/** The JSON value of a response body (Buffers are parsed when they hold JSON). */
export function responseJson(res: HostResponse): unknown {
  if (Buffer.isBuffer(res.body)) {
    try {
      return JSON.parse(res.body.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  return res.body;
}

/** A problem-details body (has a string `type`), or undefined. */
export function problemBody(res: HostResponse): Record<string, unknown> | undefined {
  const body = responseJson(res);
  return isPlainObject(body) && typeof body.type === 'string' ? body : undefined;
}

export function hasProblemType(res: HostResponse, type: string): boolean {
  return problemBody(res)?.type === type;
}

/** Rewrites a problem body (keeping the rest of the response); non-problems pass unchanged. */
export function editProblem(res: HostResponse, edit: (body: Record<string, unknown>) => Record<string, unknown>): HostResponse {
  const body = problemBody(res);
  if (body === undefined) return res;
  return { ...res, body: edit({ ...body }) };
}

/** Rewrites every session object of a GET-by-id (object) or GET-many (array) body. */
export function editSessions(res: HostResponse, edit: (session: Record<string, unknown>) => Record<string, unknown>): HostResponse {
  const body = responseJson(res);
  if (Array.isArray(body)) return { ...res, body: body.map((item) => (isPlainObject(item) ? edit({ ...item }) : item)) };
  if (isPlainObject(body)) return { ...res, body: edit({ ...body }) };
  return res;
}

/** The id at the end of a Location header ('…/ed-fi/sessions/{id}'). */
export function idFromLocation(res: HostResponse): string | undefined {
  const location = responseHeader(res, 'Location');
  if (location === undefined) return undefined;
  const last = location.replace(/\/+$/, '').split('/').pop();
  return last && last.length > 0 ? last : undefined;
}

// ---- canned responses ---------------------------------------------------------------------

/** The Ed-Fi 500 problem ODS renders for an unhandled exception (CONTRACT.md §2.2). */
export function systemError(req: HostRequest): HostResponse {
  return hostSystemError(req.headers['correlation-id'] ?? req.correlationId);
}

// ---- cursor tokens (CONTRACT.md §4: base64url of "{minAggregateId},{maxAggregateId}") -------

export interface CursorRange {
  min: number;
  max: number | undefined;
}

export function decodePageToken(token: string): CursorRange | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) return undefined;
  const text = Buffer.from(token.replace(/=+$/, ''), 'base64url').toString('utf8');
  const match = /^(-?\d+),(-?\d*)$/.exec(text);
  if (!match) return undefined;
  return { min: Number(match[1]), max: match[2] === '' ? undefined : Number(match[2]) };
}

export function encodePageToken(range: CursorRange): string {
  return Buffer.from(`${range.min},${range.max ?? ''}`, 'utf8').toString('base64url');
}

/** Rewrites a page token's range; a token that does not decode is returned unchanged. */
export function editPageToken(token: string, edit: (range: CursorRange) => CursorRange): string {
  const range = decodePageToken(token);
  return range === undefined ? token : encodePageToken(edit(range));
}

/** Rewrites the pageTokens array of a partitions body. */
export function editPartitionTokens(res: HostResponse, edit: (tokens: string[]) => string[]): HostResponse {
  const body = responseJson(res);
  if (!isPlainObject(body) || !Array.isArray(body.pageTokens)) return res;
  return { ...res, body: { ...body, pageTokens: edit(body.pageTokens.map(String)) } };
}

/** Partition tokens whose ranges each end at the next partition's first item, inclusive: neighbours share an item. */
export function overlappingPartitions(res: HostResponse): HostResponse {
  return editPartitionTokens(res, (tokens) => {
    const starts = tokens.map((t) => decodePageToken(t)?.min);
    return tokens.map((t, i) => {
      const next = starts[i + 1];
      return next === undefined ? t : editPageToken(t, (r) => ({ ...r, max: next }));
    });
  });
}
