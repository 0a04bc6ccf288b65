// The courseOfferings descriptor: ODS/API 7.3 ed-fi/courseOfferings. An offering references an
// existing course and school (discovered, never created) and a session the run creates first; its
// natural key includes that session's key, so a session key change cascades into it. Its own key
// is not updatable by PUT (no x-Ed-Fi-isUpdatable in the contract). Sections depend on it.
import { createCourseOfferingFactory, withOfferingNonKeyChange, type CourseOfferingPayload, type SessionKey } from '../../generators/index.js';
import { COURSE_OFFERINGS } from '../contract/operations.js';
import type { ResourceDescriptor } from './types.js';

export const courseOfferings: ResourceDescriptor<CourseOfferingPayload, { session: SessionKey }> = {
  name: 'courseOfferings',
  title: 'a course offering',
  idPrefix: 'CO',
  path: COURSE_OFFERINGS,
  schema: 'edFi_courseOffering',
  // schoolReference.schoolId and sessionReference.schoolId are one key member in ODS (unified);
  // the builder always sets both to the session's school.
  naturalKey: ['localCourseCode', 'schoolReference.schoolId', 'sessionReference.schoolYear', 'sessionReference.sessionName'],
  keyUpdatable: false,
  prerequisites: [
    { kind: 'fixture', fixture: 'course', required: true, capability: 'course', missing: 'the target has no course to offer (fixtures: course)' },
    { kind: 'fixture', fixture: 'schoolId', required: true },
    { kind: 'created', resource: 'sessions', as: 'session' },
  ],
  factory(options) {
    const factory = createCourseOfferingFactory(options);
    return { build: (refs, parents, overrides) => factory.build(refs, parents.session, overrides) };
  },
  nonKeyChange: withOfferingNonKeyChange,
  isolation: ['instructionalTimePlanned', 'localCourseTitle'],
  runName: { member: 'localCourseCode', lookup: [{ param: 'schoolId', member: 'schoolReference.schoolId' }] },
  // A section references its course offering (set-up only: src/resources/sections.ts). ODS's
  // FK_Section_CourseOffering is ON UPDATE CASCADE (the offering's key follows its session's key
  // change, and the section's follows the offering's) and has no ON DELETE action (a referenced
  // offering's DELETE answers 409 dependent-item-exists).
  dependents: [{ resource: 'sections', via: 'courseOfferingReference', cascadesKeyChange: true, blocksDelete: true }],
};
