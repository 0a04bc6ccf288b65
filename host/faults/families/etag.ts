// ETag faults (CONTRACT.md §3): the header missing or unquoted, the body's _etag disagreeing with
// it, a value that never changes, conditional headers ignored or mis-compared.
import { createHash } from 'node:crypto';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import {
  editSessions,
  idFromLocation,
  idFromPath,
  isDataRequest,
  isOperation,
  responseHeader,
  withoutRequestHeader,
  withoutResponseHeader,
  withRequestHeader,
  withResponseHeader,
} from './match.js';

const unquote = (value: string): string => value.trim().replace(/^"|"$/g, '');

function dropEtagOn(operation: 'PostSession' | 'PutSession' | 'GetSessionsById') {
  return (req: HostRequest, res: HostResponse): HostResponse => (isOperation(req, operation) ? withoutResponseHeader(res, 'ETag') : res);
}

function dropIfMatchOn(method: 'POST' | 'PUT' | 'DELETE') {
  return (req: HostRequest): HostRequest =>
    req.method.toUpperCase() === method && (isOperation(req, 'PostSession', 'PutSession', 'DeleteSessionById'))
      ? withoutRequestHeader(req, 'if-match')
      : req;
}

// ---- EtagConstantPerItem: the ETag is derived from the id, so it never changes ---------------
// Values this fault handed out, so that a client sending one back is treated as the host would
// treat its own (constant) ETag: always current.
const constantEtags = new Set<string>();

function constantEtagOf(id: string): string {
  const digits = BigInt('0x' + createHash('sha256').update(id).digest('hex').slice(0, 15)) % 10n ** 18n;
  const etag = '5' + digits.toString().padStart(18, '0');
  constantEtags.add(etag);
  return etag;
}

function constantEtagRequest(req: HostRequest): HostRequest | HostResponse {
  const ifMatch = req.headers['if-match'];
  if (ifMatch !== undefined && constantEtags.has(unquote(ifMatch))) return withoutRequestHeader(req, 'if-match');
  const ifNoneMatch = req.headers['if-none-match'];
  const id = idFromPath(req);
  if (isOperation(req, 'GetSessionsById') && ifNoneMatch !== undefined && id !== undefined && unquote(ifNoneMatch) === constantEtagOf(id)) {
    return { status: 304, headers: { ETag: `"${constantEtagOf(id)}"` } };
  }
  return req;
}

function constantEtagResponse(req: HostRequest, res: HostResponse): HostResponse {
  let out = res;
  const id = isOperation(req, 'PostSession') ? idFromLocation(res) : idFromPath(req);
  if (id !== undefined && responseHeader(res, 'ETag') !== undefined) out = withResponseHeader(out, 'ETag', `"${constantEtagOf(id)}"`);
  if (isOperation(req, 'GetSessionsById', 'GetSessions') && res.status === 200) {
    out = editSessions(out, (session) =>
      typeof session.id === 'string' && '_etag' in session ? { ...session, _etag: constantEtagOf(session.id) } : session,
    );
  }
  return out;
}

// ---- EtagTouchedByFailedWrite: a refused PUT still bumps the item's version -----------------
// How many refused PUTs each id has seen; its ETag is shifted by that many ticks, and If-Match
// values are shifted back, exactly as if the refused write had touched lastModifiedDate.
const refusedWrites = new Map<string, bigint>();

function shiftEtag(etag: string, by: bigint): string {
  return /^-?\d+$/.test(etag) ? (BigInt(etag) + by).toString() : by === 0n ? etag : `${etag}-${by}`;
}
function unshiftEtag(etag: string, by: bigint): string {
  return /^-?\d+$/.test(etag) ? (BigInt(etag) - by).toString() : etag.replace(new RegExp(`-${by}$`), '');
}

function touchedEtagRequest(req: HostRequest): HostRequest {
  const id = idFromPath(req);
  const shift = id === undefined ? 0n : (refusedWrites.get(id) ?? 0n);
  if (shift === 0n) return req;
  let out = req;
  for (const name of ['if-match', 'if-none-match']) {
    const value = req.headers[name];
    if (value !== undefined) out = withRequestHeader(out, name, `"${unshiftEtag(unquote(value), shift)}"`);
  }
  return out;
}

function touchedEtagResponse(req: HostRequest, res: HostResponse): HostResponse {
  const id = idFromPath(req);
  if (id === undefined) return res;
  if (isOperation(req, 'PutSession') && res.status >= 400 && res.status < 500 && res.status !== 404) {
    refusedWrites.set(id, (refusedWrites.get(id) ?? 0n) + 1n);
    return res;
  }
  const shift = refusedWrites.get(id) ?? 0n;
  if (shift === 0n) return res;
  let out = res;
  const header = responseHeader(res, 'ETag');
  if (header !== undefined) out = withResponseHeader(out, 'ETag', `"${shiftEtag(unquote(header), shift)}"`);
  if (isOperation(req, 'GetSessionsById') && res.status === 200) {
    out = editSessions(out, (s) => (typeof s._etag === 'string' ? { ...s, _etag: shiftEtag(s._etag, shift) } : s));
  }
  return out;
}

// ---- NoEtagsAnywhere: a host without optimistic concurrency --------------------------------
function withoutConditionalHeaders(req: HostRequest): HostRequest {
  return isDataRequest(req) ? withoutRequestHeader(withoutRequestHeader(req, 'if-match'), 'if-none-match') : req;
}

function withoutEtags(req: HostRequest, res: HostResponse): HostResponse {
  if (!isDataRequest(req)) return res;
  const out = withoutResponseHeader(res, 'ETag');
  return res.status === 200 && req.method.toUpperCase() === 'GET' ? editSessions(out, ({ _etag: _dropped, ...rest }) => rest) : out;
}

const noEtagsAnywhere: Fault = {
  id: 'NoEtagsAnywhere',
  description: 'No answer carries an ETag header, no body carries _etag, and If-Match and If-None-Match are ignored.',
  models: 'A host built without optimistic concurrency, as some independent Ed-Fi API implementations ship: last writer wins and no request can be made conditional.',
  violates: [
    'SES-ETAG-HEADER-QUOTED',
    'SES-POST-201-CREATED',
    'SES-POST-200-UPSERT',
    'SES-GETBYID-200-FOUND',
    'SES-PUT-204-UPDATED',
    'SES-ETAG-BODY-MATCHES-HEADER',
    'SES-ETAG-CHANGES-ON-UPDATE',
    'SES-PUT-412-STALE',
    'SES-DELETE-412-STALE',
    'SES-POST-412-STALE',
    'SES-GETBYID-304-NOT-MODIFIED',
    'SES-GETBYID-IFNONEMATCH-STALE',
    'SES-ETAG-IFMATCH-STAR-REJECTED',
    // No resource has ETags: course offerings' instances of the same rules.
    'CO-ETAG-HEADER-QUOTED',
    'CO-POST-201-CREATED',
    'CO-POST-200-UPSERT',
    'CO-GETBYID-200-FOUND',
    'CO-PUT-204-UPDATED',
    'CO-ETAG-BODY-MATCHES-HEADER',
    'CO-ETAG-CHANGES-ON-UPDATE',
    'CO-PUT-412-STALE',
    'CO-DELETE-412-STALE',
    'CO-POST-412-STALE',
    'CO-GETBYID-304-NOT-MODIFIED',
    'CO-GETBYID-IFNONEMATCH-STALE',
    'CO-ETAG-IFMATCH-STAR-REJECTED',
  ],
  onRequest: withoutConditionalHeaders,
  onResponse: withoutEtags,
};

export const etagFaults: Fault[] = [
  noEtagsAnywhere,
  {
    id: 'IfMatchStarAccepted',
    description: "PUT with If-Match: * updates the item (204) instead of answering 412.",
    models: 'DMS-style wildcard support (If-Match: * matches any current version) on a host that claims ODS 7.3 behaviour, where ODS has no wildcard.',
    violates: ['SES-ETAG-IFMATCH-STAR-REJECTED'],
    onRequest: (req) => (isOperation(req, 'PutSession') && req.headers['if-match']?.trim() === '*' ? withoutRequestHeader(req, 'if-match') : req),
  },
  {
    id: 'EtagMissingOnPost',
    description: 'POST (201 and 200) answers without an ETag header.',
    models: 'A create/upsert action that sets Location but forgets the ETag the read action sets.',
    violates: ['SES-POST-201-CREATED', 'SES-POST-200-UPSERT', 'SES-ETAG-HEADER-QUOTED'],
    onResponse: dropEtagOn('PostSession'),
  },
  {
    id: 'EtagMissingOnPut',
    description: 'PUT 204 answers without an ETag header.',
    models: 'An update action that returns a bare 204, so clients must re-read to learn the new version.',
    violates: ['SES-PUT-204-UPDATED', 'SES-ETAG-HEADER-QUOTED'],
    onResponse: dropEtagOn('PutSession'),
  },
  {
    id: 'EtagMissingOnGetById',
    description: 'GET by id answers 200 without an ETag header (the body keeps _etag).',
    models: 'A read action whose response-header filter is only registered for writes.',
    violates: ['SES-GETBYID-200-FOUND', 'SES-ETAG-HEADER-QUOTED'],
    onResponse: dropEtagOn('GetSessionsById'),
  },
  {
    id: 'EtagUnquoted',
    description: 'Every ETag header is sent without the surrounding double quotes.',
    models: 'A host that writes the raw version number into the header instead of an RFC 9110 entity-tag.',
    // Every resource's ETags: course offerings' instances too.
    violates: [
      'SES-ETAG-HEADER-QUOTED',
      'SES-POST-201-CREATED',
      'SES-GETBYID-200-FOUND',
      'SES-PUT-204-UPDATED',
      'CO-ETAG-HEADER-QUOTED',
      'CO-POST-201-CREATED',
      'CO-POST-200-UPSERT',
      'CO-GETBYID-200-FOUND',
      'CO-PUT-204-UPDATED',
    ],
    onResponse: (_req, res) => {
      const etag = responseHeader(res, 'ETag');
      return etag === undefined ? res : withResponseHeader(res, 'ETag', unquote(etag));
    },
  },
  {
    id: 'EtagBodyMismatch',
    description: "GET by id and GET-many render _etag from a different value than the ETag header.",
    models: "A mapper that fills the body's _etag from the creation date while the header uses the last-modified date.",
    violates: ['SES-ETAG-BODY-MATCHES-HEADER'],
    onResponse: (req, res) =>
      isOperation(req, 'GetSessionsById', 'GetSessions') && res.status === 200
        ? editSessions(res, (s) => (typeof s._etag === 'string' ? { ...s, _etag: shiftEtag(s._etag, -1000n) } : s))
        : res,
  },
  {
    id: 'EtagConstantPerItem',
    description: 'The ETag of a session is derived from its id, so it stays the same across real updates.',
    models: 'An ETag computed from the resource identity (or the creation time) instead of its current version.',
    violates: ['SES-ETAG-CHANGES-ON-UPDATE', 'SES-PUT-412-STALE', 'SES-DELETE-412-STALE', 'SES-GETBYID-IFNONEMATCH-STALE'],
    onRequest: constantEtagRequest,
    onResponse: constantEtagResponse,
  },
  {
    id: 'EtagChangedByNoOpUpsert',
    description: 'Re-POSTing an identical body bumps _lastModifiedDate and so the ETag.',
    models: 'An upsert that always writes the row (and its timestamp) instead of detecting an unmodified entity.',
    violates: ['SES-ETAG-STABLE-ON-IDENTICAL-REPOST'],
    seams: { touchOnNoOpUpsert: true },
  },
  {
    id: 'EtagTouchedByFailedWrite',
    description: 'A PUT that is refused (4xx other than 404) still gives the session a new ETag.',
    models: 'A handler that updates lastModifiedDate before validation and does not roll the change back on failure.',
    violates: ['SES-ETAG-STABLE-ON-FAILED-WRITE'],
    onRequest: touchedEtagRequest,
    onResponse: touchedEtagResponse,
  },
  {
    id: 'IfMatchIgnored',
    description: 'If-Match is never compared: stale values on PUT, DELETE and POST are accepted.',
    models: 'A host with no optimistic locking: last writer wins.',
    // Every resource's writes: course offerings' instances too.
    violates: [
      'SES-PUT-412-STALE',
      'SES-DELETE-412-STALE',
      'SES-POST-412-STALE',
      'SES-ETAG-IFMATCH-STAR-REJECTED',
      'CO-PUT-412-STALE',
      'CO-DELETE-412-STALE',
      'CO-POST-412-STALE',
      'CO-ETAG-IFMATCH-STAR-REJECTED',
    ],
    seams: { ignoreIfMatch: true },
  },
  {
    id: 'IfMatchIgnoredOnPut',
    description: 'PUT ignores If-Match (DELETE and POST still honour it).',
    models: 'Optimistic locking wired into the delete and upsert pipelines but forgotten on the update pipeline.',
    violates: ['SES-PUT-412-STALE', 'SES-ETAG-IFMATCH-STAR-REJECTED'],
    onRequest: dropIfMatchOn('PUT'),
  },
  {
    id: 'IfMatchIgnoredOnDelete',
    description: 'DELETE ignores If-Match.',
    models: 'A delete endpoint that reads only the id from the request and never the preconditions.',
    violates: ['SES-DELETE-412-STALE'],
    onRequest: dropIfMatchOn('DELETE'),
  },
  {
    id: 'IfMatchIgnoredOnPost',
    description: 'An upserting POST ignores If-Match.',
    models: 'A host that follows the OpenAPI (If-Match only on PUT/DELETE) instead of ODS, which honours it on POST too.',
    violates: ['SES-POST-412-STALE'],
    onRequest: dropIfMatchOn('POST'),
  },
  {
    id: 'IfMatchQuotedNeverMatches',
    description: 'A quoted If-Match value (as copied from the ETag header) never matches, so current writes get 412.',
    models: 'A host that compares the raw header value with the bare version instead of trimming the quotes as ODS does.',
    // Every resource's writes: course offerings' instances too.
    violates: ['SES-PUT-IFMATCH-CURRENT', 'SES-DELETE-IFMATCH-CURRENT', 'SES-POST-IFMATCH-CURRENT', 'CO-PUT-IFMATCH-CURRENT', 'CO-DELETE-IFMATCH-CURRENT', 'CO-POST-IFMATCH-CURRENT'],
    onRequest: (req) => {
      const ifMatch = req.headers['if-match'];
      // The broken host compares '"123"' with '123'. The faithful host trims quotes, so the
      // mismatch is reproduced by a value that still differs once trimmed.
      return ifMatch !== undefined && ifMatch.trim().startsWith('"') ? withRequestHeader(req, 'if-match', `"${unquote(ifMatch)}-quoted"`) : req;
    },
  },
  {
    id: 'IfNoneMatchIgnored',
    description: 'GET by id ignores If-None-Match and always answers 200 with the body.',
    models: 'A read action with no conditional-GET support.',
    violates: ['SES-GETBYID-304-NOT-MODIFIED'],
    onRequest: (req) => (isOperation(req, 'GetSessionsById') ? withoutRequestHeader(req, 'if-none-match') : req),
  },
  {
    id: 'IfNoneMatchAlwaysMatches',
    description: 'GET by id answers 304 whenever an If-None-Match header is present, whatever its value.',
    models: 'A conditional-GET check that tests for the presence of the header instead of comparing it.',
    violates: ['SES-GETBYID-IFNONEMATCH-STALE'],
    onRequest: (req) =>
      isOperation(req, 'GetSessionsById') && req.headers['if-none-match'] !== undefined && req.headers['use-snapshot'] === undefined
        ? { status: 304 }
        : req,
  },
  {
    id: 'ListIfNoneMatchIgnored',
    description: 'GET-many, /deletes and /keyChanges send an ETag but ignore If-None-Match (always 200 with the body).',
    models: 'Conditional GET implemented for single items only, while a generic filter still stamps list responses with an ETag.',
    violates: ['SES-GET-304-LIST-ETAG', 'SES-DELETES-304-ETAG', 'SES-KEYCHG-304-ETAG'],
    onRequest: (req) =>
      isOperation(req, 'GetSessions', 'DeletesSessions', 'KeyChangesSessions') ? withoutRequestHeader(req, 'if-none-match') : req,
  },
];

// Every other ETag fault changes an ETag or a conditional answer, which a host with no ETags never
// gives: composed with NoEtagsAnywhere it could not show.
noEtagsAnywhere.incompatibleWith = etagFaults.filter((f) => f !== noEtagsAnywhere).map((f) => f.id);
