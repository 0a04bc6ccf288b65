// Existing records on the target that sessions reference (see docs/DESIGN.md "Fixtures").
// Structurally identical to generators/types.ts SessionRefs; kept here so the harness builds
// without the generators.
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
  termDescriptors: string[];
  gradingPeriods: GradingPeriodRef[];
  academicWeeks: AcademicWeekRef[];
  other?: { schoolId: number; schoolYear: number; gradingPeriods: GradingPeriodRef[]; academicWeeks: AcademicWeekRef[] };
  course?: { courseCode: string; educationOrganizationId: number };
}
