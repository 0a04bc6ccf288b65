// Requirements of the 'validation' concern: bodies the host must refuse (one invalid-case catalogue,
// generators/invalid/) and odd-looking bodies it must accept. CONTRACT.md §1.6, §2, §6, §9.
// Cited by specs/sessions.validation*.spec.ts and the 409 checks of create/update; the templates
// (`template:`) by the family specs/families/validation.ts, one check per case generated from the
// resource's schema (generators/invalid/schema-cases.ts). Templates whose every sessions case the
// hand-written catalogue already holds (cited as SES-POST-400-VALIDATION / SES-POST-ODD-ACCEPTED)
// are not expanded for sessions (`except`).
import type { CatalogueEntry } from '../templates.js';

/** Sessions' hand-written catalogue holds every case of these rules under the same ids. */
const HAND_WRITTEN_FOR_SESSIONS = ['sessions'] as const;

export const validationRequirements: CatalogueEntry[] = [
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
  {
    id: 'CO-POST-409-UNRESOLVED',
    level: 'MUST',
    source: 'openapi:PostCourseOffering 409',
    area: 'validation',
    operation: 'PostCourseOffering',
    statement: 'POST of a course offering whose course or session reference names nothing answers 409 unresolved-reference and creates nothing.',
  },
  {
    id: 'CO-PUT-409-UNRESOLVED',
    level: 'MUST',
    source: 'openapi:PutCourseOffering 409',
    area: 'validation',
    operation: 'PutCourseOffering',
    statement: 'PUT of a course offering whose course reference names nothing answers 409 unresolved-reference, and the item is unchanged.',
  },
  {
    template: 'POST-400-REQUIRED-MISSING',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'create',
    statement:
      'POST of %a% without one of the members its schema requires (at the top level, or inside a required reference) answers 400 data-validation-failed, naming a top-level member in validationErrors, and creates nothing.',
    except: HAND_WRITTEN_FOR_SESSIONS,
  },
  {
    template: 'PUT-400-REQUIRED-MISSING',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'update',
    statement:
      'PUT of %a% without one of the members its schema requires (at the top level, or inside a required reference) answers 400 data-validation-failed, and the item is unchanged.',
    except: HAND_WRITTEN_FOR_SESSIONS,
  },
  {
    template: 'POST-400-TOO-LONG',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'create',
    statement: 'POST of %a% with a string one character longer than its schema maxLength answers 400 data-validation-failed naming that member, and creates nothing.',
    except: HAND_WRITTEN_FOR_SESSIONS,
  },
  {
    template: 'PUT-400-TOO-LONG',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'update',
    statement: 'PUT of %a% with a string one character longer than its schema maxLength answers 400 data-validation-failed naming that member, and the item is unchanged.',
    except: HAND_WRITTEN_FOR_SESSIONS,
  },
  {
    template: 'POST-400-WRONG-TYPE',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'create',
    statement:
      'POST of %a% with a member of another JSON type than its schema gives (an object for a string, a non-numeric string for an integer, a string for a reference, an object for a collection) answers 400 data-validation-failed naming that member, and creates nothing.',
  },
  {
    template: 'PUT-400-WRONG-TYPE',
    level: 'MUST',
    source: '%doc%:%op% 400; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'update',
    statement:
      'PUT of %a% with a member of another JSON type than its schema gives answers 400 data-validation-failed naming that member, and the item is unchanged.',
  },
  {
    template: 'POST-UNKNOWN-MEMBER-IGNORED',
    level: 'MUST',
    source: 'CONTRACT.md §1.6',
    area: 'validation',
    kind: 'create',
    statement: 'POST of %a% carrying members its schema does not know (at the top level and inside its references) is accepted with 201; the unknown members are ignored, not stored nor echoed.',
    except: HAND_WRITTEN_FOR_SESSIONS,
  },
  {
    template: 'POST-MAXLENGTH-ACCEPTED',
    level: 'MUST',
    source: '%doc%:%op% 201; CONTRACT.md §2.3',
    area: 'validation',
    kind: 'create',
    statement: 'POST of %a% with a string of exactly its schema maxLength is accepted with 201 and reads back whole.',
  },
  {
    template: 'POST-OPTIONAL-ABSENT-ACCEPTED',
    level: 'MUST',
    source: '%doc%:%op% 201',
    area: 'validation',
    kind: 'create',
    statement: 'POST of %a% with every optional member absent (only what its schema requires) is accepted with 201 and reads back with those members absent or empty.',
  },
];
