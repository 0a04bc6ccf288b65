// Seeded builder of valid course offering payloads (ed-fi/courseOfferings). A course offering
// references a course and a school the target already has (SessionRefs.course, discovered, never
// created) and a session the run creates; its localCourseCode carries a run-unique token, so it is
// fictional and never collides with an offering of another run or another check. Same seed and
// same calls → the same payloads, as for sessions.
import { Faker, base, en } from '@faker-js/faker';
import { INT32_MAX } from '../src/contract/session-schema.js';
import { SessionNamer, sanitizeRunTag } from './names.js';
import type { CourseOfferingPayload, SessionKey, SessionRefs } from './types.js';

/** OpenAPI maxLength of localCourseCode and localCourseTitle (edFi_courseOffering). */
export const LOCAL_COURSE_CODE_MAX_LENGTH = 60;
export const LOCAL_COURSE_TITLE_MAX_LENGTH = 60;
/** OpenAPI minimum of instructionalTimePlanned (minutes). */
export const INSTRUCTIONAL_TIME_PLANNED_MIN = 1;

export interface CourseOfferingFactory {
  readonly seed: number;
  readonly runTag: string;
  /**
   * A valid offering of `refs.course` at the session's school in `session`; `overrides` replace
   * top-level members (undefined removes one). Throws when refs has no course: check the
   * descriptor's prerequisites (and skip) before building.
   */
  build(refs: SessionRefs, session: SessionKey, overrides?: Partial<CourseOfferingPayload>): CourseOfferingPayload;
}

const SUBJECTS = ['Algebra', 'Biology', 'Chemistry', 'Geometry', 'History', 'Literature', 'Music', 'Physics', 'Spanish', 'Statistics'];

/** Only instructionalTimePlanned differs (a non-key scalar): the planned minutes, one more or one less. */
export function withOfferingNonKeyChange(payload: CourseOfferingPayload): CourseOfferingPayload {
  const copy = structuredClone(payload);
  const minutes = payload.instructionalTimePlanned ?? INSTRUCTIONAL_TIME_PLANNED_MIN;
  copy.instructionalTimePlanned = minutes >= INT32_MAX ? minutes - 1 : minutes + 1;
  return copy;
}

export function createCourseOfferingFactory(options: { seed: number; runTag: string }): CourseOfferingFactory {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(options.seed);
  const namer = new SessionNamer(options.seed, options.runTag);
  return {
    seed: options.seed,
    runTag: sanitizeRunTag(options.runTag),
    build(refs, session, overrides) {
      if (!refs.course) throw new Error('SessionRefs.course is absent: a course offering needs an existing course');
      // Draws happen in the same order whatever the overrides (see the session factory).
      const token = namer.nextToken();
      const adjective = faker.word.adjective({ length: { min: 3, max: 10 } });
      const title = `${adjective[0]!.toUpperCase()}${adjective.slice(1)} ${faker.helpers.arrayElement(SUBJECTS)}`.slice(0, LOCAL_COURSE_TITLE_MAX_LENGTH);
      const minutes = faker.number.int({ min: 60, max: 12_000 });
      const payload: CourseOfferingPayload = {
        localCourseCode: token.slice(0, LOCAL_COURSE_CODE_MAX_LENGTH),
        courseReference: { courseCode: refs.course.courseCode, educationOrganizationId: refs.course.educationOrganizationId },
        // The offering's school is the session's: ODS unifies the two schoolId members of the key.
        schoolReference: { schoolId: session.schoolId },
        sessionReference: { schoolId: session.schoolId, schoolYear: session.schoolYear, sessionName: session.sessionName },
        localCourseTitle: title,
        instructionalTimePlanned: minutes,
      };
      const target = payload as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(overrides ?? {})) {
        if (value === undefined) delete target[key];
        else target[key] = structuredClone(value);
      }
      return payload;
    },
  };
}
