// Writes the seeded reference data (seed-data.ts) into a freshly created schema.
import type { Db } from './db.js';
import {
  GRADING_PERIOD_DESCRIPTOR_NAMESPACE,
  TERM_DESCRIPTOR_NAMESPACE,
  academicWeekIdentifier,
  gradingPeriodName,
  seedAcademicWeekCount,
  seedCourses,
  seedGradingPeriodCodes,
  seedGradingPeriodYears,
  seedSchoolYears,
  seedSchools,
  seedTermCodes,
} from './seed-data.js';

function literal(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function values(rows: Array<Array<string | number | boolean>>): string {
  return rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n  ');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function seedSql(): string {
  const statements: string[] = [];
  statements.push(`INSERT INTO edfi.school (schoolid, nameofinstitution) VALUES
  ${values(seedSchools.map((s) => [s.schoolId, s.name]))};`);

  const years: Array<Array<string | number | boolean>> = [];
  const { first, last, current }: { first: number; last: number; current: number } = seedSchoolYears;
  for (let year = first; year <= last; year++) {
    years.push([year, `${year - 1}-${year}`, year === current]);
  }
  statements.push(`INSERT INTO edfi.schoolyeartype (schoolyear, schoolyeardescription, currentschoolyear) VALUES
  ${values(years)};`);

  const descriptors = [
    ...seedTermCodes.map((code) => [TERM_DESCRIPTOR_NAMESPACE, code, code, 'edfi.TermDescriptor']),
    ...seedGradingPeriodCodes.map((code) => [GRADING_PERIOD_DESCRIPTOR_NAMESPACE, code, code, 'edfi.GradingPeriodDescriptor']),
  ];
  statements.push(`INSERT INTO edfi.descriptor (namespace, codevalue, shortdescription, discriminator) VALUES
  ${values(descriptors)};`);

  for (const school of seedSchools) {
    for (const year of seedGradingPeriodYears) {
      seedGradingPeriodCodes.forEach((code, index) => {
        const begin = addDays(new Date(Date.UTC(year - 1, 7, 19)), index * 42);
        statements.push(`INSERT INTO edfi.gradingperiod
  (gradingperioddescriptorid, gradingperiodname, schoolid, schoolyear, begindate, enddate, periodsequence, totalinstructionaldays)
  SELECT descriptorid, ${literal(gradingPeriodName(year, index + 1))}, ${school.schoolId}, ${year},
         ${literal(isoDate(begin))}, ${literal(isoDate(addDays(begin, 39)))}, ${index + 1}, 30
  FROM edfi.descriptor WHERE discriminator = 'edfi.GradingPeriodDescriptor' AND codevalue = ${literal(code)};`);
      });
    }
    const weeks: Array<Array<string | number | boolean>> = [];
    for (let n = 1; n <= seedAcademicWeekCount; n++) {
      const begin = addDays(new Date(Date.UTC(2024, 7, 19)), (n - 1) * 7);
      weeks.push([school.schoolId, academicWeekIdentifier(n), isoDate(begin), isoDate(addDays(begin, 4)), 5]);
    }
    statements.push(`INSERT INTO edfi.academicweek (schoolid, weekidentifier, begindate, enddate, totalinstructionaldays) VALUES
  ${values(weeks)};`);
    statements.push(`INSERT INTO edfi.course (coursecode, educationorganizationid, coursetitle, numberofparts) VALUES
  ${values(seedCourses.map((c) => [c.courseCode, school.schoolId, c.title, 1]))};`);
  }
  return statements.join('\n');
}

export async function seedDatabase(db: Db): Promise<void> {
  await db.exec(seedSql());
}
