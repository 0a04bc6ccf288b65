// Bearer authentication for data and change-query routes (CONTRACT.md §2.2, the four 401 errors).
import type { AuthenticatedClient, HostRequest, HostResponse } from '../http/types.js';
import { authenticationFailed } from '../http/problems.js';
import type { TokenStore } from './tokens.js';

export interface BearerOptions {
  /** The acceptExpiredTokens seam: a token past its lifetime still authenticates. */
  acceptExpired?: boolean;
}

export function authenticateBearer(req: HostRequest, tokens: TokenStore, options: BearerOptions = {}): AuthenticatedClient | HostResponse {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return authenticationFailed(req.correlationId, 'Authorization header is missing.');
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return authenticationFailed(req.correlationId, 'Unknown Authorization header scheme.');
  const token = space < 0 ? '' : trimmed.slice(space).trim();
  if (token === '') return authenticationFailed(req.correlationId, 'Missing Authorization header bearer token value.');
  const client = tokens.resolve(token, options.acceptExpired ?? false);
  if (!client) return authenticationFailed(req.correlationId, 'Invalid token');
  return client;
}
