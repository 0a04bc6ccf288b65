// Steps shared by POST and PUT of a session: body → validated, descriptor-resolved value.
import type { Db } from '../../db/db.js';
import { constructedIncorrectly, dataValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import { type EmptyBodyStyle, readJsonBody } from '../../validation/json-body.js';
import { validateSessionBody } from '../../validation/session-body.js';
import { type ResolvedSession, resolveDescriptors } from './references.js';

export const SESSIONS_PATH = '/data/v3/ed-fi/sessions';

export const ID_IN_BODY_MESSAGE =
  "Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body.";

export interface ParseOptions {
  emptyBody: EmptyBodyStyle;
  /** POST refuses a body id; PUT ignores it (the route id wins). */
  rejectBodyId: boolean;
}

export async function parseSessionWrite(req: HostRequest, db: Db, options: ParseOptions): Promise<ResolvedSession | HostResponse> {
  const body = readJsonBody(req, options.emptyBody);
  if (!body.ok) return body.response;
  const validation = validateSessionBody(body.value);
  if (!validation.ok) return dataValidationFailed(req.correlationId, validation.validationErrors);
  if (options.rejectBodyId && validation.hasId) return constructedIncorrectly(req.correlationId, ID_IN_BODY_MESSAGE);
  const resolved = await resolveDescriptors(db, validation.value);
  if (!resolved.ok) return dataValidationFailed(req.correlationId, resolved.validationErrors);
  return resolved.value;
}

/** Tells a parse result (a session) from an early answer: only responses carry a status. */
export function isHostResponse(value: unknown): value is HostResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** PostgreSQL error codes we translate instead of answering 500. */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const SERIALIZATION_FAILURE = '40001';
