// Requirements of the 'validation' concern: bodies the host must refuse (one invalid-case catalogue,
// generators/invalid/) and odd-looking bodies it must accept. CONTRACT.md §1.6, §2, §6, §9.
// Cited by specs/sessions.validation*.spec.ts and the 409 checks of create/update.
import type { Requirement } from '../types.js';

export const validationRequirements: Requirement[] = [
  {
    id: 'SES-POST-400-VALIDATION',
    level: 'MUST',
    source: 'seed:PostSession 400',
    area: 'validation',
    operation: 'PostSession',
    statement:
      'POST of a body that breaks the session contract answers 400 with the problem type the contract gives for that case (data-validation-failed or bad-request) and creates nothing.',
  },
  {
    id: 'SES-POST-409-UNRESOLVED',
    level: 'MUST',
    source: 'seed:PostSession 409',
    area: 'validation',
    operation: 'PostSession',
    statement:
      'POST of a session whose school year, school, grading period or academic week reference names nothing answers 409 unresolved-reference and creates nothing.',
  },
  {
    id: 'SES-POST-415-MEDIA-TYPE',
    level: 'MUST',
    source: 'CONTRACT.md §2.2',
    area: 'validation',
    operation: 'PostSession',
    statement: 'POST of a body with a missing or unsupported Content-Type answers 415 unsupported-media-type.',
  },
  {
    id: 'SES-PUT-400-VALIDATION',
    level: 'MUST',
    source: 'seed:PutSession 400',
    area: 'validation',
    operation: 'PutSession',
    statement: 'PUT of a body that breaks the session contract answers 400 with the problem type the contract gives, and the item is unchanged.',
  },
  {
    id: 'SES-PUT-409-UNRESOLVED',
    level: 'MUST',
    source: 'seed:PutSession 409',
    area: 'validation',
    operation: 'PutSession',
    statement: 'PUT of a session with a reference that names nothing answers 409 unresolved-reference, and the item is unchanged.',
  },
  {
    id: 'SES-PUT-415-MEDIA-TYPE',
    level: 'MUST',
    source: 'CONTRACT.md §2.2',
    area: 'validation',
    operation: 'PutSession',
    statement: 'PUT of a body with a missing or unsupported Content-Type answers 415 unsupported-media-type.',
  },
  {
    id: 'SES-POST-ODD-ACCEPTED',
    level: 'MUST',
    source: 'CONTRACT.md §1.6',
    area: 'validation',
    operation: 'PostSession',
    statement:
      'A body that looks odd but is valid (unknown extra properties, link or _etag in the body, property names in another case on ODS) is accepted with 201, and the odd part does not show up when the item is read back.',
  },
];
