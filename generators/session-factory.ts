// Seeded builder of valid session payloads. One Faker instance per factory, seeded once: the
// same seed and the same sequence of calls give byte-identical payloads, so a failing check can
// be replayed from the seed printed in the report.
import { Faker, base, en } from '@faker-js/faker';
import { academicWeekKey, gradingPeriodKey, identicalRepost, uniqueBy, withChildChange, withNonKeyChange, withSessionName } from './changes.js';
import { pickDates } from './dates.js';
import { SessionNamer, sanitizeRunTag } from './names.js';
import { buildVariants, type SessionVariant } from './variants.js';
import type { SessionPayload, SessionRefs } from './types.js';

export interface SessionFactoryOptions {
  seed: number;
  runTag: string; // <= 8 letters/digits, embedded (lower-cased) in every sessionName
}

export interface SessionFactory {
  readonly seed: number;
  readonly runTag: string;
  /** A valid payload built only from `refs`; `overrides` replace top-level members (undefined removes one). */
  build(refs: SessionRefs, overrides?: Partial<SessionPayload>): SessionPayload;
  buildMany(refs: SessionRefs, count: number): SessionPayload[];
  /** Boundary, Unicode, child-collection and date variants; all valid. */
  variants(refs: SessionRefs): SessionVariant[];
  /** A fresh run-unique sessionName. */
  nextSessionName(): string;
  withNonKeyChange(payload: SessionPayload): SessionPayload;
  withKeyChange(payload: SessionPayload): SessionPayload;
  withChildChange(payload: SessionPayload, refs: SessionRefs): SessionPayload;
  identicalRepost(payload: SessionPayload): SessionPayload;
}

const TERM_WORDS = ['Term', 'Session', 'Semester', 'Trimester', 'Quarter', 'Block', 'Intersession'];

/** Keeps only children that belong to the session's school and year, once each. */
export function usableRefs(refs: SessionRefs): SessionRefs {
  if (refs.termDescriptors.length === 0) throw new Error('SessionRefs.termDescriptors is empty: a session needs a term descriptor');
  return {
    ...refs,
    gradingPeriods: uniqueBy(
      refs.gradingPeriods.filter((g) => g.schoolId === refs.schoolId && g.schoolYear === refs.schoolYear),
      gradingPeriodKey,
    ),
    academicWeeks: uniqueBy(
      refs.academicWeeks.filter((w) => w.schoolId === refs.schoolId),
      academicWeekKey,
    ),
  };
}

function applyOverrides(payload: SessionPayload, overrides: Partial<SessionPayload> | undefined): SessionPayload {
  if (!overrides) return payload;
  const target = payload as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete target[key];
    else target[key] = structuredClone(value);
  }
  return payload;
}

export function createSessionFactory(options: SessionFactoryOptions): SessionFactory {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(options.seed);
  const namer = new SessionNamer(options.seed, options.runTag);

  const instructionalDays = (): number => {
    const roll = faker.number.int({ min: 0, max: 19 });
    if (roll === 0) return 0;
    if (roll === 1) return 1;
    if (roll === 2) return 250;
    return faker.number.int({ min: 2, max: 249 });
  };

  const words = (): string => {
    const adjective = faker.word.adjective({ length: { min: 3, max: 12 } });
    return `${adjective[0].toUpperCase()}${adjective.slice(1)} ${faker.helpers.arrayElement(TERM_WORDS)}`;
  };

  const build = (rawRefs: SessionRefs, overrides?: Partial<SessionPayload>): SessionPayload => {
    const refs = usableRefs(rawRefs);
    // Every random draw happens in the same order whatever the overrides, so overrides never
    // shift the sequence of later payloads.
    const sessionName = namer.nameFrom(words());
    const termDescriptor = faker.helpers.arrayElement(refs.termDescriptors);
    const { beginDate, endDate } = pickDates(faker, refs.schoolYear);
    const totalInstructionalDays = instructionalDays();
    const gradingPeriods = faker.helpers.arrayElements(refs.gradingPeriods, { min: 0, max: refs.gradingPeriods.length });
    const academicWeeks = faker.helpers.arrayElements(refs.academicWeeks, { min: 0, max: refs.academicWeeks.length });
    const payload: SessionPayload = {
      sessionName,
      schoolReference: { schoolId: refs.schoolId },
      schoolYearTypeReference: { schoolYear: refs.schoolYear },
      termDescriptor,
      beginDate,
      endDate,
      totalInstructionalDays,
      gradingPeriods: gradingPeriods.map((g) => ({ gradingPeriodReference: { ...g } })),
      academicWeeks: academicWeeks.map((w) => ({ academicWeekReference: { ...w } })),
    };
    return applyOverrides(payload, overrides);
  };

  return {
    seed: options.seed,
    runTag: sanitizeRunTag(options.runTag),
    build,
    buildMany: (refs, count) => Array.from({ length: count }, () => build(refs)),
    variants: (refs) => buildVariants({ namer, build, faker }, usableRefs(refs)),
    nextSessionName: () => namer.nameFrom(words()),
    withNonKeyChange,
    withKeyChange: (payload) => withSessionName(payload, namer.nameFrom(words())),
    withChildChange: (payload, refs) => withChildChange(payload, usableRefs(refs)),
    identicalRepost,
  };
}
