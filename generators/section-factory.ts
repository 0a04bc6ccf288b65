// Seeded builder of valid section payloads (ed-fi/sections). The suite never checks sections: it
// creates one only as the dependent that makes a course offering's DELETE answer 409. A section
// references a course offering the run creates; its sectionIdentifier carries a run-unique token
// (so the sweep can find it by name and it never collides), and nothing else of the target.
import { SessionNamer, sanitizeRunTag } from './names.js';
import type { CourseOfferingKey, SectionPayload } from './types.js';

/** OpenAPI maxLength of sectionIdentifier (edFi_section). */
export const SECTION_IDENTIFIER_MAX_LENGTH = 255;

export interface SectionFactory {
  readonly seed: number;
  readonly runTag: string;
  /** A valid section of `offering`; `overrides` replace top-level members (undefined removes one). */
  build(offering: CourseOfferingKey, overrides?: Partial<SectionPayload>): SectionPayload;
}

export function createSectionFactory(options: { seed: number; runTag: string }): SectionFactory {
  const namer = new SessionNamer(options.seed, options.runTag);
  let built = 0;
  return {
    seed: options.seed,
    runTag: sanitizeRunTag(options.runTag),
    build(offering, overrides) {
      built += 1;
      const payload: SectionPayload = {
        sectionIdentifier: namer.nextToken().slice(0, SECTION_IDENTIFIER_MAX_LENGTH),
        courseOfferingReference: { localCourseCode: offering.localCourseCode, schoolId: offering.schoolId, schoolYear: offering.schoolYear, sessionName: offering.sessionName },
        sectionName: `Section ${built}`,
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
