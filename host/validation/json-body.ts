// Reading a JSON request body the way ODS's input pipeline does: Content-Type must be JSON (415),
// an empty body is refused (400), bytes must be UTF-8 and text must parse (400).
import { isUtf8 } from 'node:buffer';
import type { HostRequest, HostResponse } from '../http/types.js';
import { badRequest, dataValidationFailed, unsupportedMediaType } from '../http/problems.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: HostResponse };

export const EMPTY_BODY_MESSAGE = 'A non-empty request body is required.';

/** How a missing body is reported: POST → bad-request errors; PUT → validationErrors["$"]. */
export type EmptyBodyStyle = 'bad-request' | 'validation';

function isJsonMediaType(contentType: string): boolean {
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const json = mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return json && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

export function emptyBodyResponse(req: HostRequest, style: EmptyBodyStyle): HostResponse {
  return style === 'bad-request'
    ? badRequest(req.correlationId, EMPTY_BODY_MESSAGE)
    : dataValidationFailed(req.correlationId, { $: [EMPTY_BODY_MESSAGE] });
}

export function readJsonBody(req: HostRequest, emptyStyle: EmptyBodyStyle): BodyResult {
  if (req.body.length === 0) return { ok: false, response: emptyBodyResponse(req, emptyStyle) };
  const contentType = req.headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') {
    return { ok: false, response: unsupportedMediaType(req.correlationId, "The 'Content-Type' header is missing.") };
  }
  if (!isJsonMediaType(contentType)) {
    return {
      ok: false,
      response: unsupportedMediaType(req.correlationId, `The 'Content-Type' header value '${contentType.slice(0, 100)}' is not supported by this host.`),
    };
  }
  // isUtf8 + toString is what a fatal TextDecoder does (a leading BOM dropped), at a fraction of its cost.
  if (!isUtf8(req.body)) {
    return { ok: false, response: dataValidationFailed(req.correlationId, { $: ['The request body is not valid UTF-8 text.'] }) };
  }
  let text = req.body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { ok: false, response: emptyBodyResponse(req, emptyStyle) };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null) return { ok: false, response: emptyBodyResponse(req, emptyStyle) };
    return { ok: true, value };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unparseable';
    return { ok: false, response: dataValidationFailed(req.correlationId, { $: [`The request body is not valid JSON (${reason.slice(0, 200)}).`] }) };
  }
}

/** Property lookup ignoring letter case, as Newtonsoft binds names (the last spelling wins). */
export function member(obj: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  let found: unknown;
  // Lower-casing keeps the length of these names (ASCII); only keys of the same length are lowered.
  for (const key of Object.keys(obj)) if (key.length === wanted.length && key.toLowerCase() === wanted) found = obj[key];
  return found;
}

export function hasMember(obj: Record<string, unknown>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(obj).some((key) => key.length === wanted.length && key.toLowerCase() === wanted);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
