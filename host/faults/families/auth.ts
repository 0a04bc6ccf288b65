// Authentication and authorization faults (CONTRACT.md §2.2, §6, §7): expired tokens accepted,
// claims not enforced, 403 hidden as 404, token-endpoint errors mis-reported.
import { authorizationDenied, badRequest } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { hasProblemType, isDataRequest, isOperation, isPlainObject, isTokenRequest, problemBody, responseJson, UNAUTHENTICATED_REQUIREMENTS } from './match.js';

// The authorization faults below act on every resource the host serves (seams on the client, or a
// rewrite of every 403), so they break course offerings' checks as well as sessions'.
const OTHER_SCHOOL_REQUIREMENTS = ['SES', 'CO'].flatMap((r) => [`${r}-POST-403-OTHER-SCHOOL`, `${r}-GETBYID-403-OTHER-SCHOOL`, `${r}-PUT-403-OTHER-SCHOOL`, `${r}-DELETE-403-OTHER-SCHOOL`]);
const READ_ONLY_REQUIREMENTS = ['SES', 'CO'].flatMap((r) => [`${r}-POST-403-READ-ONLY`, `${r}-PUT-403-READ-ONLY`, `${r}-DELETE-403-READ-ONLY`]);
const NO_CLAIM_REQUIREMENTS = [
  'SES-GET-403-NO-CLAIM',
  'SES-GETBYID-403-NO-CLAIM',
  'SES-POST-403-NO-CLAIM',
  'SES-PUT-403-NO-CLAIM',
  'SES-DELETE-403-NO-CLAIM',
  'SES-DELETES-403-NO-CLAIM',
  'SES-KEYCHG-403-NO-CLAIM',
  'SES-PART-403-NO-CLAIM',
  'CO-GET-403-NO-CLAIM',
  'CO-GETBYID-403-NO-CLAIM',
  'CO-POST-403-NO-CLAIM',
  'CO-PUT-403-NO-CLAIM',
  'CO-DELETE-403-NO-CLAIM',
  'CO-PART-403-NO-CLAIM',
  'CO-DELETES-403-NO-CLAIM',
  'CO-KEYCHG-403-NO-CLAIM',
];
/** The expired-token check of every resource (the token layer is host-wide). */
const EXPIRED_TOKEN_REQUIREMENTS = ['SES-AUTH-401-EXPIRED-TOKEN', 'CO-AUTH-401-EXPIRED-TOKEN'];

/** The token request's form (or JSON) body, with a rewrite helper. */
function tokenForm(req: HostRequest): URLSearchParams | Record<string, unknown> | undefined {
  const text = req.body.toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return isPlainObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text);
}

function withTokenForm(req: HostRequest, form: URLSearchParams | Record<string, unknown>): HostRequest {
  const text = form instanceof URLSearchParams ? form.toString() : JSON.stringify(form);
  return { ...req, body: Buffer.from(text, 'utf8'), headers: { ...req.headers, 'content-length': String(Buffer.byteLength(text)) } };
}

function formGet(form: URLSearchParams | Record<string, unknown>, name: string): string | undefined {
  const value = form instanceof URLSearchParams ? form.get(name) : form[name];
  return value === null || value === undefined ? undefined : String(value);
}

function formSet(form: URLSearchParams | Record<string, unknown>, name: string, value: string | undefined): void {
  if (form instanceof URLSearchParams) {
    if (value === undefined) form.delete(name);
    else form.set(name, value);
  } else if (value === undefined) delete form[name];
  else form[name] = value;
}

// ---- ReadOnlyClientCannotRead --------------------------------------------------------------
// Auth runs inside routing, after the request hook, so the fault recognises the read-only client
// the way the host names it (keys 'readOnly-…', host/auth/clients.ts) when its token is issued.
const readOnlyTokens = new Set<string>();

function tokenRequestKey(req: HostRequest): string | undefined {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
  const form = tokenForm(req);
  return form === undefined ? undefined : formGet(form, 'client_id');
}

function rememberReadOnlyTokens(req: HostRequest, res: HostResponse): HostResponse {
  const body = responseJson(res);
  if (isTokenRequest(req) && res.status === 200 && isPlainObject(body) && typeof body.access_token === 'string' && tokenRequestKey(req)?.startsWith('readOnly-')) {
    readOnlyTokens.add(body.access_token);
  }
  return res;
}

function denyReadOnlyReads(req: HostRequest): HostRequest | HostResponse {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (token === undefined || !readOnlyTokens.has(token) || !isOperation(req, 'GetSessionsById', 'GetSessions')) return req;
  return authorizationDenied(req.correlationId, ["The API client's assigned claim set does not grant the 'Update' action on the 'Session' resource."]);
}

export const authFaults: Fault[] = [
  {
    id: 'ExpiredTokenAccepted',
    description: 'Bearer tokens keep working after their lifetime has run out.',
    models: 'A token store that checks the token exists but never compares its expiry with the clock.',
    violates: EXPIRED_TOKEN_REQUIREMENTS,
    seams: { acceptExpiredTokens: true },
  },
  {
    id: 'OtherSchoolNotAuthorized',
    description: 'A client whose claim covers only another school may read and write the primary school\'s sessions and course offerings.',
    models: 'Relationship-based authorization switched off for the writable resources (e.g. their resource claims mapped to "no further authorization").',
    violates: OTHER_SCHOOL_REQUIREMENTS,
    seams: { ignoreEducationOrganizationClaims: true },
  },
  {
    id: 'ReadOnlyClientMayWrite',
    description: 'A client whose claims allow reading only may POST, PUT and DELETE (sessions and course offerings).',
    models: 'A claim check that tests "has a claim on the resource" but not the action (create/update/delete) it grants.',
    violates: READ_ONLY_REQUIREMENTS,
    seams: { ignoreClaimActions: true },
  },
  {
    id: 'AuthorizationDeniedAnswers404',
    description: 'Every 403 security:authorization is answered 404 not-found.',
    models: 'A host that hides the existence of items a caller may not see by reporting them as missing.',
    violates: [...NO_CLAIM_REQUIREMENTS, ...OTHER_SCHOOL_REQUIREMENTS, ...READ_ONLY_REQUIREMENTS],
    onResponse: (req, res) => {
      const body = problemBody(res);
      if (res.status !== 403 || !String(body?.type ?? '').startsWith('urn:ed-fi:api:security:authorization')) return res;
      return {
        ...res,
        status: 404,
        body: { detail: 'The specified item could not be found.', type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, correlationId: body?.correlationId ?? req.correlationId },
      };
    },
  },
  {
    id: 'AuthenticationProblemTypeWrong',
    description: '401 answers carry type urn:ed-fi:api:security:authorization instead of security:authentication.',
    models: 'One "security" problem factory used for both authentication and authorization failures.',
    // Every 401 is rewritten, the change-query and partition endpoints' too.
    violates: [...UNAUTHENTICATED_REQUIREMENTS, ...EXPIRED_TOKEN_REQUIREMENTS],
    onResponse: (_req, res) =>
      res.status === 401 && hasProblemType(res, 'urn:ed-fi:api:security:authentication')
        ? { ...res, body: { ...(problemBody(res) ?? {}), type: 'urn:ed-fi:api:security:authorization', title: 'Authorization Denied' } }
        : res,
  },
  {
    id: 'TokenWrongSecretAnswers400',
    description: 'The token endpoint answers a wrong secret with 400 invalid_request instead of 401 invalid_client.',
    models: 'A token endpoint that reports every credential problem as a malformed request.',
    violates: ['SES-TOKEN-401-INVALID-CLIENT'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isTokenRequest(req) && res.status === 401 && isPlainObject(body) && body.error === 'invalid_client'
        ? { ...res, status: 400, body: { error: 'invalid_request' } }
        : res;
    },
  },
  {
    id: 'TokenGrantTypeUnchecked',
    description: 'The token endpoint issues a token whatever grant_type is sent.',
    models: 'A token endpoint that reads the credentials and never validates grant_type.',
    violates: ['SES-TOKEN-400-GRANT-TYPE'],
    onRequest: (req) => {
      if (!isTokenRequest(req)) return req;
      const form = tokenForm(req);
      if (form === undefined || formGet(form, 'grant_type') === 'client_credentials') return req;
      formSet(form, 'grant_type', 'client_credentials');
      return withTokenForm(req, form);
    },
  },
  {
    id: 'TokenBodyCredentialsRefused',
    description: 'The token endpoint ignores client_id/client_secret in the body (only Basic works), answering 401.',
    models: 'A token endpoint that supports only HTTP Basic client authentication, where ODS accepts both.',
    violates: ['SES-TOKEN-BODY-OK'],
    onRequest: (req) => {
      if (!isTokenRequest(req) || req.headers.authorization !== undefined) return req;
      const form = tokenForm(req);
      if (form === undefined || formGet(form, 'client_id') === undefined) return req;
      formSet(form, 'client_id', undefined);
      formSet(form, 'client_secret', undefined);
      return withTokenForm(req, form);
    },
  },
  {
    id: 'TokenBothCredentialsAccepted',
    description: 'Credentials both in a Basic header and in the body are accepted instead of 400.',
    models: 'A token endpoint that takes the first credentials it finds instead of refusing the ambiguity.',
    violates: ['SES-TOKEN-400-BOTH-CREDENTIALS'],
    onRequest: (req) => {
      if (!isTokenRequest(req) || req.headers.authorization === undefined) return req;
      const form = tokenForm(req);
      if (form === undefined || formGet(form, 'client_id') === undefined) return req;
      formSet(form, 'client_id', undefined);
      formSet(form, 'client_secret', undefined);
      return withTokenForm(req, form);
    },
  },
  {
    id: 'DiscoveryWithoutDataModels',
    description: 'The discovery document (GET /) omits dataModels.',
    models: 'A gateway in front of the API that serves a hand-written, trimmed discovery document.',
    violates: ['SES-DISCOVERY-SHAPE'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      if (req.method.toUpperCase() !== 'GET' || (req.path !== '/' && req.path !== '') || !isPlainObject(body)) return res;
      const { dataModels: _dropped, ...rest } = body;
      return { ...res, body: rest };
    },
  },
  {
    id: 'TokenExpiresInAsString',
    description: 'The token endpoint renders expires_in as a string ("1800").',
    models: 'A token response built from a string template instead of a typed object.',
    violates: ['SES-TOKEN-BASIC-OK', 'SES-TOKEN-BODY-OK'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isTokenRequest(req) && res.status === 200 && isPlainObject(body) && typeof body.expires_in === 'number'
        ? { ...res, body: { ...body, expires_in: String(body.expires_in) } }
        : res;
    },
  },
  {
    id: 'ReadOnlyClientCannotRead',
    description: 'A client whose sessions claim allows reading only is refused (403) on GETs too.',
    models: 'A claim check that requires the full set of CRUD actions for any method instead of the action the method needs.',
    violates: ['SES-AUTH-READ-ONLY-CAN-READ'],
    onRequest: denyReadOnlyReads,
    onResponse: rememberReadOnlyTokens,
  },
  {
    id: 'MissingTokenAnswers400',
    description: 'A data or change-query request with no Authorization header answers 400 bad-request instead of 401.',
    models: 'An authentication middleware that treats a missing header as a malformed request rather than an unauthenticated one (an unknown or expired token still gets 401).',
    violates: UNAUTHENTICATED_REQUIREMENTS,
    onRequest: (req) =>
      isDataRequest(req) && (req.headers.authorization ?? '').trim() === ''
        ? badRequest(req.correlationId, 'The Authorization header is required.')
        : req,
  },
];
