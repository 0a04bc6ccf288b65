// Shapes shared by the generators, the harness and the specs (docs/DESIGN.md "Fixtures").
// SessionRefs are what the harness discovered on the target: generators build only from them,
// never from data that only the reference host happens to seed.

export interface GradingPeriodRef {
  gradingPeriodDescriptor: string;
  gradingPeriodName: string;
  schoolId: number;
  schoolYear: number;
}

export interface AcademicWeekRef {
  schoolId: number;
  weekIdentifier: string;
}

export interface SessionRefs {
  schoolId: number;
  schoolYear: number;
  termDescriptors: string[]; // existing term descriptor URIs (>= 1)
  gradingPeriods: GradingPeriodRef[]; // of schoolId + schoolYear (may be empty on a target)
  academicWeeks: AcademicWeekRef[]; // of schoolId (may be empty)
  other?: { schoolId: number; schoolYear: number; gradingPeriods: GradingPeriodRef[]; academicWeeks: AcademicWeekRef[] };
  course?: { courseCode: string; educationOrganizationId: number };
}

export interface SessionGradingPeriodItem {
  gradingPeriodReference: GradingPeriodRef;
}

export interface SessionAcademicWeekItem {
  academicWeekReference: AcademicWeekRef;
}

/** A POST/PUT body for `ed-fi/sessions` as a client sends it (no id, no server members). */
export interface SessionPayload {
  sessionName: string;
  schoolReference: { schoolId: number };
  schoolYearTypeReference: { schoolYear: number };
  termDescriptor: string;
  beginDate: string; // yyyy-mm-dd
  endDate: string; // yyyy-mm-dd
  totalInstructionalDays: number;
  gradingPeriods?: SessionGradingPeriodItem[];
  academicWeeks?: SessionAcademicWeekItem[];
}

/** A POST/PUT body for `ed-fi/courseOfferings` as the suite sends it (edFi_courseOffering, DS 5.1 members it uses). */
export interface CourseOfferingPayload {
  localCourseCode: string;
  courseReference: { courseCode: string; educationOrganizationId: number };
  schoolReference: { schoolId: number };
  sessionReference: { schoolId: number; schoolYear: number; sessionName: string };
  localCourseTitle?: string;
  instructionalTimePlanned?: number;
}

/** The natural key of a course offering, as an Ed-Fi courseOfferingReference holds it. */
export interface CourseOfferingKey {
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  sessionName: string;
}

/** A POST body for `ed-fi/sections` as the suite sends it: only ever set-up, a course offering's dependent (edFi_section's required members and sectionName). */
export interface SectionPayload {
  sectionIdentifier: string;
  courseOfferingReference: CourseOfferingKey;
  sectionName?: string;
}

/** The natural key of a session (CONTRACT.md §6). */
export interface SessionKey {
  schoolId: number;
  schoolYear: number;
  sessionName: string;
}

export function sessionKeyOf(payload: SessionPayload): SessionKey {
  return {
    schoolId: payload.schoolReference.schoolId,
    schoolYear: payload.schoolYearTypeReference.schoolYear,
    sessionName: payload.sessionName,
  };
}
