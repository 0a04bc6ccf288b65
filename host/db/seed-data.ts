// The fictional reference data every host starts with (DESIGN.md "Seeded data"). Plain values
// here; seed.ts turns them into SQL. Numbers look like ODS's sample data, names are invented.
export const PRIMARY_SCHOOL_ID = 255901001;

export const seedSchools = [
  { schoolId: 255901001, name: 'Juniper Hollow High School' },
  { schoolId: 255901044, name: 'Quarry Lane Middle School' },
  { schoolId: 255901107, name: 'Bramblewood Elementary School' },
] as const;

export const seedSchoolYears = { first: 2020, last: 2030, current: 2025 } as const;

export const TERM_DESCRIPTOR_NAMESPACE = 'uri://ed-fi.org/TermDescriptor';
export const seedTermCodes = ['Fall Semester', 'Spring Semester', 'Summer Semester', 'Year Round'] as const;

export const GRADING_PERIOD_DESCRIPTOR_NAMESPACE = 'uri://ed-fi.org/GradingPeriodDescriptor';
export const seedGradingPeriodCodes = [
  'First Six Weeks',
  'Second Six Weeks',
  'Third Six Weeks',
  'Fourth Six Weeks',
  'Fifth Six Weeks',
  'Sixth Six Weeks',
] as const;

/** Grading periods exist for every school × each of these school years. */
export const seedGradingPeriodYears = [2024, 2025, 2026] as const;

/** Academic weeks per school (weekIdentifier has minLength 5 in the contract). */
export const seedAcademicWeekCount = 6;

export const seedCourses = [
  { courseCode: 'ALG-01', title: 'Algebra Foundations' },
  { courseCode: 'BIO-02', title: 'Field Biology' },
  { courseCode: 'LIT-03', title: 'Modern Storytelling' },
] as const;

export function gradingPeriodName(schoolYear: number, sequence: number): string {
  return `${schoolYear - 1}-${schoolYear} Six Weeks ${sequence}`;
}

export function academicWeekIdentifier(sequence: number): string {
  return `Week ${String(sequence).padStart(2, '0')} of 2024-2025`;
}
