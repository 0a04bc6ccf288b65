// Fictional fixtures shaped like what the harness discovers on a target (DESIGN.md SessionRefs).
import type { SessionRefs } from '../../generators/index.js';

const GP = 'uri://ed-fi.org/GradingPeriodDescriptor#';

export const sampleRefs: SessionRefs = {
  schoolId: 255901001,
  schoolYear: 2025,
  termDescriptors: ['uri://ed-fi.org/TermDescriptor#Fall Semester', 'uri://ed-fi.org/TermDescriptor#Spring Semester', 'uri://ed-fi.org/TermDescriptor#Year Round'],
  gradingPeriods: [
    { gradingPeriodDescriptor: `${GP}First Six Weeks`, gradingPeriodName: 'Six Weeks One', schoolId: 255901001, schoolYear: 2025 },
    { gradingPeriodDescriptor: `${GP}Second Six Weeks`, gradingPeriodName: 'Six Weeks Two', schoolId: 255901001, schoolYear: 2025 },
    { gradingPeriodDescriptor: `${GP}Third Six Weeks`, gradingPeriodName: 'Six Weeks Three', schoolId: 255901001, schoolYear: 2025 },
  ],
  academicWeeks: [
    { schoolId: 255901001, weekIdentifier: 'Week 01' },
    { schoolId: 255901001, weekIdentifier: 'Week 02' },
  ],
  other: {
    schoolId: 255901044,
    schoolYear: 2025,
    gradingPeriods: [{ gradingPeriodDescriptor: `${GP}First Six Weeks`, gradingPeriodName: 'Other Six Weeks One', schoolId: 255901044, schoolYear: 2025 }],
    academicWeeks: [{ schoolId: 255901044, weekIdentifier: 'Other Week 01' }],
  },
};

/** A target with only the minimum: one term descriptor, no children, no second school. */
export const bareRefs: SessionRefs = {
  schoolId: 255901001,
  schoolYear: 2025,
  termDescriptors: ['uri://ed-fi.org/TermDescriptor#Fall Semester'],
  gradingPeriods: [],
  academicWeeks: [],
};
