// Session dates inside a school year. School year N runs from August 1 of N-1 to June 30 of N
// (2025 = 2024-08-01..2025-06-30). Every window keeps beginDate strictly before endDate; some
// windows stay inside one calendar year, others cross New Year.
import type { Faker } from '@faker-js/faker';

const DAY_MS = 86_400_000;

export interface DateWindow {
  beginDate: string;
  endDate: string;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function schoolYearSpan(schoolYear: number): { start: Date; end: Date; days: number } {
  const start = new Date(Date.UTC(schoolYear - 1, 7, 1));
  const end = new Date(Date.UTC(schoolYear, 5, 30));
  return { start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
}

const dayOf = (start: Date, offset: number): string => isoDate(new Date(start.getTime() + offset * DAY_MS));

/** Offsets from August 1: Dec 31 is day 152, Jan 1 is day 153. */
const SHAPES = ['fall', 'spring', 'full-year', 'winter-block', 'anywhere'] as const;
export type DateShape = (typeof SHAPES)[number];

export function pickDates(faker: Faker, schoolYear: number, shape?: DateShape): DateWindow {
  const { start, days: last } = schoolYearSpan(schoolYear);
  const chosen = shape ?? faker.helpers.arrayElement(SHAPES);
  const between = (min: number, max: number) => faker.number.int({ min, max });
  let begin: number;
  let end: number;
  switch (chosen) {
    case 'fall':
      begin = between(0, 45);
      end = between(120, 152);
      break;
    case 'spring':
      begin = between(153, 185);
      end = between(280, last);
      break;
    case 'full-year':
      begin = between(0, 40);
      end = between(270, last);
      break;
    case 'winter-block':
      begin = between(105, 145);
      end = between(160, 200);
      break;
    default:
      begin = between(0, last - 1);
      end = between(begin + 1, last);
  }
  return { beginDate: dayOf(start, begin), endDate: dayOf(start, end) };
}

export function crossesCalendarYear(window: DateWindow): boolean {
  return window.beginDate.slice(0, 4) !== window.endDate.slice(0, 4);
}
