// Requirements of the 'auth' concern: authentication (401), authorization (403), the token
// endpoint and the discovery document. CONTRACT.md §2.2, §6 (references), §7.
// Cited by specs/sessions.auth.spec.ts, specs/sessions.authorization.spec.ts, specs/oauth.token.spec.ts.
import type { OperationName, Requirement } from '../types.js';

const OPS: Array<[OperationName, string]> = [
  ['PostSession', 'POST'],
  ['GetSessionsById', 'GETBYID'],
  ['PutSession', 'PUT'],
  ['DeleteSessionById', 'DELETE'],
];

const verb: Record<string, string> = {
  POST: 'POST of a session',
  GETBYID: 'GET of a session by id',
  PUT: 'PUT of a session',
  DELETE: 'DELETE of a session',
};

const unauthenticated: Requirement[] = OPS.map(([operation, tag]) => ({
  id: `SES-${tag}-401-UNAUTHENTICATED`,
  level: 'MUST',
  source: `seed:${operation} 401`,
  area: 'auth',
  operation,
  statement: `${verb[tag]} without a usable bearer token (no Authorization header, an unknown scheme, an empty or unknown token) answers 401 urn:ed-fi:api:security:authentication.`,
}));

const noClaim: Requirement[] = OPS.map(([operation, tag]) => ({
  id: `SES-${tag}-403-NO-CLAIM`,
  level: 'MUST',
  source: `seed:${operation} 403`,
  area: 'auth',
  operation,
  statement: `${verb[tag]} by a client with no claim on sessions answers 403 urn:ed-fi:api:security:authorization (or a sub-type) and changes nothing.`,
}));

const otherSchool: Requirement[] = OPS.map(([operation, tag]) => ({
  id: `SES-${tag}-403-OTHER-SCHOOL`,
  level: 'MUST',
  source: `seed:${operation} 403`,
  area: 'auth',
  operation,
  statement: `${verb[tag]} of the primary school by a client whose education-organization claim covers only another school answers 403 security:authorization and changes nothing.`,
}));

const readOnly: Requirement[] = OPS.filter(([, tag]) => tag !== 'GETBYID').map(([operation, tag]) => ({
  id: `SES-${tag}-403-READ-ONLY`,
  level: 'MUST',
  source: `seed:${operation} 403`,
  area: 'auth',
  operation,
  statement: `${verb[tag]} by a client whose sessions claim allows reading only answers 403 security:authorization and changes nothing.`,
}));

export const authRequirements: Requirement[] = [
  ...unauthenticated,
  {
    id: 'SES-AUTH-401-EXPIRED-TOKEN',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'GetSessionsById',
    statement: 'A bearer token used after its lifetime has run out is refused with 401 urn:ed-fi:api:security:authentication.',
  },
  {
    id: 'SES-AUTH-READ-ONLY-CAN-READ',
    level: 'MUST',
    source: 'CONTRACT.md §2.2',
    area: 'auth',
    operation: 'GetSessionsById',
    statement: 'A read-only client may GET a session it is authorized for (200), so its 403s on writes are about the action.',
  },
  ...readOnly,
  ...noClaim,
  ...otherSchool,
  {
    id: 'SES-TOKEN-BASIC-OK',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'Token',
    statement:
      'POST /oauth/token with client_credentials and the key/secret in a Basic Authorization header answers 200 {access_token, expires_in, token_type: bearer}, and the token opens the data API.',
  },
  {
    id: 'SES-TOKEN-BODY-OK',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'Token',
    statement: 'POST /oauth/token with client_id and client_secret in the form body answers 200 with a bearer token.',
    profiles: ['ods-7.3'],
    difference: 'token-body-credentials',
  },
  {
    id: 'SES-TOKEN-401-INVALID-CLIENT',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'Token',
    statement: 'POST /oauth/token with a wrong secret answers 401 {"error":"invalid_client"} and no token.',
  },
  {
    id: 'SES-TOKEN-400-BOTH-CREDENTIALS',
    level: 'SHOULD',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'Token',
    statement: 'POST /oauth/token with credentials both in a Basic header and in the body answers 400 {"error":"invalid_client"}.',
    profiles: ['ods-7.3'],
    difference: 'token-both-credentials',
  },
  {
    id: 'SES-TOKEN-400-GRANT-TYPE',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    operation: 'Token',
    statement: 'POST /oauth/token with a grant type other than client_credentials answers 400 {"error":"unsupported_grant_type"}.',
  },
  {
    id: 'SES-DISCOVERY-SHAPE',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'schema',
    operation: 'Discovery',
    statement:
      'GET {root}/ without credentials answers 200 with version, applicationName, dataModels[] (with Ed-Fi) and urls naming the token and data endpoints.',
  },
];
