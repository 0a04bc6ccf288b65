// POST /oauth/token (CONTRACT.md §7): client_credentials with Basic or body credentials, form or
// JSON bodies, and OAuth-style error bodies (not problem details). POST /oauth/token_info too.
import type { HostRequest, HostResponse } from '../http/types.js';
import { unsupportedMediaType } from '../http/problems.js';
import { type ClientRegistry, toAuthenticatedClient } from './clients.js';
import type { TokenStore } from './tokens.js';

type OAuthError = 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'invalid_scope';

function oauthError(status: number, error: OAuthError, description?: string): HostResponse {
  const body: Record<string, string> = { error };
  if (description) body.error_description = description;
  return { status, body, headers: { 'Cache-Control': 'no-store' } };
}

type FormFields = Record<string, string>;

/** The body's fields, or an error response when the media type or the body is unusable. */
function readTokenRequestBody(req: HostRequest): FormFields | HostResponse {
  const contentType = req.headers['content-type'];
  if (!contentType) return unsupportedMediaType(req.correlationId, "The 'Content-Type' header is missing.");
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  const text = req.body.toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return oauthError(400, 'invalid_request');
      const fields: FormFields = {};
      for (const [name, value] of Object.entries(parsed)) {
        if (typeof value === 'string' || typeof value === 'number') fields[name] = String(value);
      }
      return fields;
    } catch {
      return oauthError(400, 'invalid_request');
    }
  }
  return unsupportedMediaType(req.correlationId, `The 'Content-Type' header value '${mediaType}' is not supported by this host.`);
}

interface Credentials {
  key: string;
  secret: string;
}

/** Credentials from the Authorization header: undefined when absent, or an error response. */
function readBasicCredentials(header: string | undefined): Credentials | undefined | HostResponse {
  if (header === undefined) return undefined;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'basic') return oauthError(401, 'invalid_client');
  if (rest.length !== 1) return oauthError(400, 'invalid_request');
  const decoded = Buffer.from(rest[0], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return oauthError(400, 'invalid_request');
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function isResponse(value: unknown): value is HostResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

export function tokenEndpoint(clients: ClientRegistry, tokens: TokenStore) {
  return async (req: HostRequest): Promise<HostResponse> => {
    const fields = readTokenRequestBody(req);
    if (isResponse(fields)) return fields;
    const basic = readBasicCredentials(req.headers.authorization);
    if (isResponse(basic)) return basic;
    const bodyHasCredentials = fields.client_id !== undefined || fields.client_secret !== undefined;
    if (basic && bodyHasCredentials) return oauthError(400, 'invalid_client');

    if (!fields.grant_type) return oauthError(400, 'invalid_request');
    if (fields.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');

    const credentials: Credentials = basic ?? { key: fields.client_id ?? '', secret: fields.client_secret ?? '' };
    if (credentials.key === '' || credentials.secret === '') return oauthError(401, 'invalid_request');
    const client = clients.authenticate(credentials.key, credentials.secret);
    if (!client) return oauthError(401, 'invalid_client');

    let scopedEdOrgId: number | undefined;
    const scope = fields.scope?.trim();
    if (scope) {
      scopedEdOrgId = /^\d{1,18}$/.test(scope) ? Number(scope) : NaN;
      if (!client.educationOrganizationIds.includes(scopedEdOrgId)) {
        return oauthError(
          400,
          'invalid_scope',
          "The client is not explicitly associated with the EducationOrganizationId specified in the requested 'scope'.",
        );
      }
    }
    const accessToken = tokens.issue(toAuthenticatedClient(client, scopedEdOrgId), client.tokenLifetimeSeconds);
    const body: Record<string, string | number> = {
      access_token: accessToken,
      expires_in: client.tokenLifetimeSeconds,
      token_type: 'bearer',
    };
    if (scope) body.scope = scope;
    return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
  };
}

/** POST /oauth/token_info: whether a token is live, and for which client and ed-orgs. */
export function tokenInfoEndpoint(tokens: TokenStore) {
  return async (req: HostRequest): Promise<HostResponse> => {
    const fields = readTokenRequestBody(req);
    if (isResponse(fields)) return fields;
    const client = fields.token ? tokens.resolve(fields.token) : undefined;
    if (!client) return { status: 200, body: { active: false } };
    return {
      status: 200,
      body: {
        active: true,
        client_id: client.key,
        education_organizations: (client.educationOrganizationIds ?? []).map((id) => ({ education_organization_id: id })),
        assigned_profiles: [],
        claim_set: { name: client.role },
      },
    };
  };
}
