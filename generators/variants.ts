// Valid-but-varied payloads that any conforming host must accept (issue 4 "Variety"). Each one
// starts from an ordinary build and changes one dimension, so a rejection names its cause.
// Length-boundary names use BMP characters only: ODS counts UTF-16 code units while PostgreSQL
// counts characters, and the two agree only below U+10000.
import { INT32_MAX, SESSION_NAME_MAX_LENGTH } from '../src/contract/session-schema.js';
import { isoDate, pickDates, schoolYearSpan } from './dates.js';
import type { SessionNamer } from './names.js';
import type { SessionPayload, SessionRefs } from './types.js';

export interface SessionVariant {
  id: string; // 'sessionName.length60'
  description: string;
  payload: SessionPayload;
}

export interface VariantContext {
  namer: SessionNamer;
  build(refs: SessionRefs, overrides?: Partial<SessionPayload>): SessionPayload;
  faker: Parameters<typeof pickDates>[0];
}

const MAX_TERM_VARIANTS = 4;

export function buildVariants(ctx: VariantContext, refs: SessionRefs): SessionVariant[] {
  const { namer } = ctx;
  const variant = (id: string, description: string, overrides: Partial<SessionPayload>): SessionVariant => ({
    id,
    description,
    payload: ctx.build(refs, overrides),
  });
  const span = schoolYearSpan(refs.schoolYear);
  const oneDayEnd = isoDate(new Date(span.start.getTime() + 86_400_000));
  const variants: SessionVariant[] = [
    variant('sessionName.length1', 'a one-character name (a CJK ideograph)', { sessionName: namer.singleCharacterName() }),
    variant('sessionName.length60', `an ASCII name of exactly ${SESSION_NAME_MAX_LENGTH} characters`, {
      sessionName: namer.nameOfLength('Lakeside Extended Calendar', SESSION_NAME_MAX_LENGTH),
    }),
    variant('sessionName.length60.accented', `accented Latin letters, exactly ${SESSION_NAME_MAX_LENGTH} characters`, {
      sessionName: namer.nameOfLength('Sesión de Otoño Überblick Été Ærø', SESSION_NAME_MAX_LENGTH),
    }),
    variant('sessionName.cjk', 'CJK ideographs in the name', { sessionName: namer.nameFrom('秋季学期 試行') }),
    variant('sessionName.emoji', 'an astral-plane emoji well below the length limit', {
      sessionName: namer.nameFrom('Harvest 🌻 Block'),
    }),
    variant('sessionName.punctuation', 'punctuation, quotes and a # in the name', {
      sessionName: namer.nameFrom(`Term A/B (pilot), Q1: "mixed"; #2 - it's ok?`),
    }),
    variant('totalInstructionalDays.zero', 'zero instructional days (minimum: 0)', { totalInstructionalDays: 0 }),
    variant('totalInstructionalDays.realisticHigh', 'a long but realistic year: 250 days', { totalInstructionalDays: 250 }),
    variant('totalInstructionalDays.int32Max', 'the int32 maximum', { totalInstructionalDays: INT32_MAX }),
    variant('children.omitted', 'no gradingPeriods and no academicWeeks properties', {
      gradingPeriods: undefined,
      academicWeeks: undefined,
    }),
    variant('children.emptyArrays', 'empty gradingPeriods and academicWeeks arrays', { gradingPeriods: [], academicWeeks: [] }),
    variant('children.all', 'every grading period and academic week the target has for this school', {
      gradingPeriods: refs.gradingPeriods.map((g) => ({ gradingPeriodReference: { ...g } })),
      academicWeeks: refs.academicWeeks.map((w) => ({ academicWeekReference: { ...w } })),
    }),
    variant('dates.crossYear', 'a winter block that crosses New Year', pickDates(ctx.faker, refs.schoolYear, 'winter-block')),
    variant('dates.twoDays', 'the shortest window: endDate the day after beginDate', {
      beginDate: isoDate(span.start),
      endDate: oneDayEnd,
    }),
    variant('dates.fullSchoolYear', 'the whole school year, August 1 to June 30', {
      beginDate: isoDate(span.start),
      endDate: isoDate(span.end),
    }),
  ];
  refs.termDescriptors.slice(0, MAX_TERM_VARIANTS).forEach((termDescriptor, i) => {
    variants.push(variant(`termDescriptor.${i}`, `term descriptor ${termDescriptor}`, { termDescriptor }));
  });
  return variants;
}
