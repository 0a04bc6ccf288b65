// Everything the specs and the harness need from the generators (docs/DESIGN.md "Generators").
export { createSessionFactory, usableRefs } from './session-factory.js';
export type { SessionFactory, SessionFactoryOptions } from './session-factory.js';
export type { SessionVariant } from './variants.js';
export { createCourseOfferingFactory, withOfferingNonKeyChange } from './course-offering-factory.js';
export type { CourseOfferingFactory } from './course-offering-factory.js';
export { createSectionFactory } from './section-factory.js';
export type { SectionFactory } from './section-factory.js';
export { identicalRepost, withChildChange, withNonKeyChange, withSessionName } from './changes.js';
export { crossesCalendarYear, schoolYearSpan } from './dates.js';
export { sanitizeRunTag, streamTagOf } from './names.js';
export { sessionKeyOf } from './types.js';
export type {
  AcademicWeekRef,
  CourseOfferingKey,
  CourseOfferingPayload,
  GradingPeriodRef,
  SessionAcademicWeekItem,
  SessionGradingPeriodItem,
  SessionKey,
  SessionPayload,
  SectionPayload,
  SessionRefs,
} from './types.js';
export * from './invalid/index.js';
