// Requirements of the 'auth' concern: authentication (401), authorization (403), the token
// endpoint and the discovery document. CONTRACT.md §2.2, §6 (references), §7.
// Entries with `template:` hold for every resource (src/requirements/templates.ts: SES-… and CO-…)
// and are cited by the families "authentication" and "authorization" (specs/families/); the token
// and discovery requirements are API-wide and cited by specs/oauth.token.spec.ts.
import type { CatalogueEntry, RequirementTemplate } from '../templates.js';

/** The four item operations, by the tag their requirement ids carry and the contract kind they are. */
const OPS: Array<[RequirementTemplate['kind'], string]> = [
  ['create', 'POST'],
  ['read', 'GETBYID'],
  ['update', 'PUT'],
  ['delete', 'DELETE'],
];

const verb: Record<string, string> = {
  POST: 'POST of %a%',
  GETBYID: 'GET of %a% by id',
  PUT: 'PUT of %a%',
  DELETE: 'DELETE of %a%',
};

const unauthenticated: RequirementTemplate[] = OPS.map(([kind, tag]) => ({
  template: `${tag}-401-UNAUTHENTICATED`,
  level: 'MUST',
  source: '%doc%:%op% 401',
  area: 'auth',
  kind,
  statement: `${verb[tag]} without a usable bearer token (no Authorization header, an unknown scheme, an empty or unknown token) answers 401 urn:ed-fi:api:security:authentication.`,
}));

const noClaim: RequirementTemplate[] = OPS.map(([kind, tag]) => ({
  template: `${tag}-403-NO-CLAIM`,
  level: 'MUST',
  source: '%doc%:%op% 403',
  area: 'auth',
  kind,
  statement: `${verb[tag]} by a client with no claim on %nouns% answers 403 urn:ed-fi:api:security:authorization (or a sub-type) and changes nothing.`,
}));

const otherSchool: RequirementTemplate[] = OPS.map(([kind, tag]) => ({
  template: `${tag}-403-OTHER-SCHOOL`,
  level: 'MUST',
  source: '%doc%:%op% 403',
  area: 'auth',
  kind,
  statement: `${verb[tag]} of the primary school by a client whose education-organization claim covers only another school answers 403 security:authorization and changes nothing.`,
}));

const readOnly: RequirementTemplate[] = OPS.filter(([, tag]) => tag !== 'GETBYID').map(([kind, tag]) => ({
  template: `${tag}-403-READ-ONLY`,
  level: 'MUST',
  source: '%doc%:%op% 403',
  area: 'auth',
  kind,
  statement: `${verb[tag]} by a client whose %nouns% claim allows reading only answers 403 security:authorization and changes nothing.`,
}));

export const authRequirements: CatalogueEntry[] = [
  ...unauthenticated,
  {
    template: 'AUTH-401-EXPIRED-TOKEN',
    level: 'MUST',
    source: 'CONTRACT.md §7',
    area: 'auth',
    kind: 'read',
    statement: 'A bearer token used after its lifetime has run out is refused with 401 urn:ed-fi:api:security:authentication.',
  },
  {
    template: 'AUTH-READ-ONLY-CAN-READ',
    level: 'MUST',
    source: 'CONTRACT.md §2.2',
    area: 'auth',
    kind: 'read',
    statement: 'A read-only client may GET %a% it is authorized for (200), so its 403s on writes are about the action.',
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
