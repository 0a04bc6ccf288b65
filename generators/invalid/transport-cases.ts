// Bodies that are not a session object at all: no body, bad JSON syntax, the wrong JSON value,
// the wrong media type, bytes that are not UTF-8 (CONTRACT.md §2.2, §6; DMS
// CreateResourcesValidation scenarios 01, 02, 27; UpdateResourcesValidation 06, 07).
import { SESSION_REQUIRED_PROPERTIES } from '../../src/contract/session-schema.js';
import { badRequest, unsupportedMediaType, validationFailed } from './outcomes.js';
import type { InvalidCase } from './types.js';

const BOTH: InvalidCase['applyTo'] = ['POST', 'PUT'];
const JSON_TYPE = 'application/json';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The valid payload's JSON with one byte 0xFF (never valid in UTF-8) inside sessionName. */
export function notUtf8Body(json: string): Uint8Array {
  const marker = '\u0001';
  const bytes = utf8(json.replace(/"sessionName":"/, `"sessionName":"${marker}`));
  const at = bytes.indexOf(1);
  bytes[at] = 0xff;
  return bytes;
}

export const transportCases: InvalidCase[] = [
  {
    id: 'body.empty.post',
    reason: 'POST with an empty body',
    kind: 'transport',
    applyTo: ['POST'],
    build: () => ({ body: '', contentType: JSON_TYPE }),
    expect: { 'ods-7.3': badRequest(), dms: badRequest() },
    evidence: 'documented',
  },
  {
    id: 'body.empty.put',
    reason: 'PUT with an empty body',
    kind: 'transport',
    applyTo: ['PUT'],
    build: () => ({ body: '', contentType: JSON_TYPE }),
    expect: { 'ods-7.3': validationFailed('$'), dms: badRequest() },
    evidence: 'documented',
  },
  {
    id: 'body.emptyObject',
    reason: 'the body is {}: every required member is missing',
    kind: 'schema',
    applyTo: BOTH,
    at: SESSION_REQUIRED_PROPERTIES.map((p) => `$.${p}`),
    build: () => ({ json: {} }),
    expect: { 'ods-7.3': validationFailed(...SESSION_REQUIRED_PROPERTIES.map((p) => `$.${p}`)), dms: validationFailed() },
    evidence: 'documented',
    caveat: 'DMS also reports $.id on a PUT, because DMS requires the id in a PUT body.',
  },
  {
    id: 'body.jsonArray',
    reason: 'the body is a JSON array holding a valid session, not an object',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$'],
    build: (valid) => ({ json: [valid] }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'body.jsonString',
    reason: 'the body is a JSON string, not an object',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$'],
    build: (valid) => ({ json: JSON.stringify(valid) }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'body.malformedJson',
    reason: 'the body is a valid session with its closing brace cut off',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: JSON.stringify(valid).slice(0, -1), contentType: JSON_TYPE }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'body.missingComma',
    reason: 'two members with no comma between them',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: JSON.stringify(valid).replace(',"schoolReference"', ' "schoolReference"'), contentType: JSON_TYPE }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'body.notUtf8',
    reason: 'the JSON bytes contain 0xFF, which is never valid UTF-8',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: notUtf8Body(JSON.stringify(valid)), contentType: JSON_TYPE }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'contentType.textPlain',
    reason: 'a valid session sent as text/plain',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: JSON.stringify(valid), contentType: 'text/plain' }),
    expect: { 'ods-7.3': unsupportedMediaType() },
    evidence: 'documented',
  },
  {
    id: 'contentType.xml',
    reason: 'a valid session (as JSON) declared as application/xml',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: JSON.stringify(valid), contentType: 'application/xml' }),
    expect: { 'ods-7.3': unsupportedMediaType() },
    evidence: 'documented',
  },
  {
    id: 'contentType.missing',
    reason: 'a valid session sent with no Content-Type header',
    kind: 'transport',
    applyTo: BOTH,
    build: (valid) => ({ body: utf8(JSON.stringify(valid)), contentType: null }),
    expect: { 'ods-7.3': unsupportedMediaType() },
    evidence: 'documented',
  },
];
