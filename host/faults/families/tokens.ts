// Token-format faults (CONTRACT.md §7): the access token and its lifetime as some identity
// providers render them. Per-host state: the fault hands out its own tokens and maps them back
// to the host's on every request.
import { randomBytes, randomUUID } from 'node:crypto';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks } from '../types.js';
import { isPlainObject, isTokenRequest, requestJson, responseJson, withJsonBody, withRequestHeader } from './match.js';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** A JWT-shaped token (~650 characters: RS256 header, claims, a 2048-bit signature). */
function jwtFor(keyId: string, lifetimeSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'https://identity.vendor.example/realms/ed-fi',
    aud: 'ed-fi-api',
    sub: randomUUID(),
    scope: 'edfi:sessions edfi:change-queries',
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    jti: randomUUID(),
  };
  return `${b64url({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${b64url(claims)}.${randomBytes(256).toString('base64url')}`;
}

function jwtTokens(): FaultHooks {
  const hostTokenOf = new Map<string, string>();
  const keyId = randomBytes(8).toString('hex');

  const bearerToHost = (req: HostRequest): HostRequest => {
    const match = /^(Bearer\s+)(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const hostToken = match ? hostTokenOf.get(match[2]) : undefined;
    return hostToken === undefined ? req : withRequestHeader(req, 'authorization', `${match![1]}${hostToken}`);
  };

  /** POST /oauth/token_info names the token in its body. */
  const tokenInfoToHost = (req: HostRequest): HostRequest => {
    if (req.method.toUpperCase() !== 'POST' || !/^\/oauth\/token_info\/?$/i.test(req.path)) return req;
    if ((req.headers['content-type'] ?? '').includes('json')) {
      const body = requestJson(req);
      if (!isPlainObject(body) || typeof body.token !== 'string') return req;
      const hostToken = hostTokenOf.get(body.token);
      return hostToken === undefined ? req : withJsonBody(req, { ...body, token: hostToken });
    }
    const form = new URLSearchParams(req.body.toString('utf8'));
    const hostToken = hostTokenOf.get(form.get('token') ?? '');
    if (hostToken === undefined) return req;
    form.set('token', hostToken);
    return { ...req, body: Buffer.from(form.toString(), 'utf8') };
  };

  return {
    onRequest: (req) => tokenInfoToHost(bearerToHost(req)),
    onResponse: (req, res): HostResponse => {
      const body = responseJson(res);
      if (!isTokenRequest(req) || res.status !== 200 || !isPlainObject(body) || typeof body.access_token !== 'string') return res;
      const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 1800;
      const jwt = jwtFor(keyId, lifetime);
      hostTokenOf.set(jwt, body.access_token);
      return { ...res, body: { ...body, access_token: jwt, expires_in: Math.floor(Date.now() / 1000) + lifetime } };
    },
  };
}

export const tokenFaults: Fault[] = [
  {
    id: 'JwtTokensAbsoluteExpiresIn',
    description: 'The token endpoint issues JWT-shaped access tokens (~650 characters) and gives expires_in as an absolute epoch time instead of a lifetime in seconds.',
    models: 'An API fronted by an identity provider whose token response copies the JWT exp claim into expires_in, where OAuth 2.0 (RFC 6749 §5.1) defines it as seconds from now.',
    violates: ['SES-TOKEN-BASIC-OK', 'SES-TOKEN-BODY-OK'],
    // The string form would hide the absolute time (and the other way round).
    incompatibleWith: ['TokenExpiresInAsString'],
    perHost: jwtTokens,
  },
];
