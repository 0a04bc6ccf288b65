// Problem-details faults (CONTRACT.md §2): the right status with a generic or wrong `type`, or a
// body whose `status` member disagrees with the HTTP status.
import type { HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { editProblem } from './match.js';

function retype(from: (type: string) => boolean, to: string) {
  return (_req: unknown, res: HostResponse): HostResponse =>
    editProblem(res, (body) => (from(String(body.type)) ? { ...body, type: to } : body));
}

export const problemFaults: Fault[] = [
  {
    id: 'ProblemTypeAboutBlank',
    description: "Every problem-details body carries type 'about:blank' instead of the Ed-Fi URN.",
    models: 'A framework default problem factory (RFC 9457 about:blank) used instead of the Ed-Fi exception types.',
    violates: [
      'SES-GETBYID-404-UNKNOWN',
      'SES-PUT-412-STALE',
      'SES-POST-400-VALIDATION',
      'SES-GET-400-LIMIT',
      'SES-POST-409-UNRESOLVED',
      'SES-DELETE-409-DEPENDENT',
      'SES-PUT-409-KEY-COLLISION',
      // Every problem of the host: course offerings' refusals too.
      'CO-PUT-412-STALE',
      'CO-DELETE-412-STALE',
      'CO-POST-412-STALE',
      'CO-ETAG-IFMATCH-STAR-REJECTED',
      'CO-POST-400-ID-IN-BODY',
      'CO-PUT-400-MALFORMED-ID',
      'CO-DELETE-400-MALFORMED-ID',
      'CO-GETBYID-404-UNKNOWN',
      'CO-GETBYID-404-MALFORMED-ID',
      'CO-PUT-404-UNKNOWN-ID',
      'CO-DELETE-404-UNKNOWN-ID',
      'CO-DELETE-409-DEPENDENT',
      'CO-GETBYID-400-PROFILE-USAGE',
      'CO-POST-405-WITH-ID',
      'CO-PUT-405-NO-ID',
      'CO-DELETE-405-NO-ID',
      'CO-COLLECTION-405-METHOD',
      'CO-POST-405-USE-SNAPSHOT',
      'CO-PUT-405-USE-SNAPSHOT',
      'CO-DELETE-405-USE-SNAPSHOT',
      'CO-WRITE-405-SNAPSHOT-ANY-VALUE',
      // The refusals the validation family generates from each schema, and course offerings' 409s.
      'CO-POST-400-REQUIRED-MISSING', 'CO-PUT-400-REQUIRED-MISSING', 'CO-POST-400-TOO-LONG', 'CO-PUT-400-TOO-LONG', 'CO-POST-400-WRONG-TYPE', 'CO-PUT-400-WRONG-TYPE', 'SES-POST-400-WRONG-TYPE', 'SES-PUT-400-WRONG-TYPE',
      'CO-POST-409-UNRESOLVED',
      'CO-PUT-409-UNRESOLVED',
    ],
    onResponse: retype(() => true, 'about:blank'),
  },
  {
    id: 'ValidationProblemTypeGeneric',
    description: 'Data-validation failures carry the generic urn:ed-fi:api:bad-request instead of …:data-validation-failed.',
    models: 'A host that reports every 400 with the parent type, losing the sub-type clients branch on.',
    violates: [
      'SES-POST-400-VALIDATION',
      'SES-PUT-400-VALIDATION',
      'SES-POST-400-ID-IN-BODY',
      'SES-PUT-400-MALFORMED-ID',
      'SES-DELETE-400-MALFORMED-ID',
      // Every resource's validation: course offerings' too.
      'CO-POST-400-ID-IN-BODY',
      'CO-PUT-400-MALFORMED-ID',
      'CO-DELETE-400-MALFORMED-ID',
      // The refusals the validation family generates from each schema.
      'CO-POST-400-REQUIRED-MISSING', 'CO-PUT-400-REQUIRED-MISSING', 'CO-POST-400-TOO-LONG', 'CO-PUT-400-TOO-LONG', 'CO-POST-400-WRONG-TYPE', 'CO-PUT-400-WRONG-TYPE', 'SES-POST-400-WRONG-TYPE', 'SES-PUT-400-WRONG-TYPE',
    ],
    onResponse: retype((t) => t === 'urn:ed-fi:api:bad-request:data-validation-failed', 'urn:ed-fi:api:bad-request'),
  },
  {
    id: 'ParameterProblemTypeGeneric',
    description: 'Query-parameter failures carry the generic urn:ed-fi:api:bad-request instead of …:parameter-validation-failed.',
    models: 'Paging validation written by hand that throws the generic bad-request exception.',
    violates: [
      'SES-GET-400-LIMIT',
      'SES-GET-400-OFFSET',
      'SES-GET-CURSOR-400-OFFSET',
      'SES-GET-CURSOR-400-LIMIT',
      'SES-GET-CURSOR-400-TOTAL-COUNT',
      'SES-GET-CURSOR-400-NO-TOKEN',
      'SES-GET-CURSOR-400-PAGE-SIZE',
      'SES-PART-400-NUMBER',
      // The transform acts on every resource's answers, so course offerings' instances break too.
      'CO-GET-400-LIMIT',
      'CO-GET-400-OFFSET',
      'CO-GET-CURSOR-400-OFFSET',
      'CO-GET-CURSOR-400-LIMIT',
      'CO-GET-CURSOR-400-TOTAL-COUNT',
      'CO-GET-CURSOR-400-NO-TOKEN',
      'CO-GET-CURSOR-400-PAGE-SIZE',
      'CO-PART-400-NUMBER',
    ],
    onResponse: retype((t) => t === 'urn:ed-fi:api:bad-request:parameter-validation-failed', 'urn:ed-fi:api:bad-request'),
  },
  {
    id: 'NotFoundProblemStatusWrong',
    description: "404 problem bodies say \"status\": 400.",
    models: 'A problem factory that copies the status from a base exception class instead of the thrown one.',
    // Every 404 of the host: course offerings' too.
    violates: ['SES-GETBYID-404-UNKNOWN', 'SES-PUT-404-UNKNOWN-ID', 'SES-DELETE-404-UNKNOWN-ID', 'CO-GETBYID-404-UNKNOWN', 'CO-GETBYID-404-MALFORMED-ID', 'CO-PUT-404-UNKNOWN-ID', 'CO-DELETE-404-UNKNOWN-ID'],
    onResponse: (_req, res) => (res.status === 404 ? editProblem(res, (body) => ({ ...body, status: 400 })) : res),
  },
  {
    id: 'OptimisticLockTypeWrong',
    description: '412 answers carry type urn:ed-fi:api:data-conflict instead of urn:ed-fi:api:optimistic-lock-failed.',
    models: 'A concurrency exception mapped to the conflict problem family while keeping the 412 status.',
    // Every 412 of the host: course offerings' too.
    violates: ['SES-PUT-412-STALE', 'SES-DELETE-412-STALE', 'SES-POST-412-STALE', 'CO-PUT-412-STALE', 'CO-DELETE-412-STALE', 'CO-POST-412-STALE', 'CO-ETAG-IFMATCH-STAR-REJECTED'],
    onResponse: retype((t) => t === 'urn:ed-fi:api:optimistic-lock-failed', 'urn:ed-fi:api:data-conflict'),
  },
];
