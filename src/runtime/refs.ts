// Existing records on the target that sessions reference: the type is the generators' (DESIGN.md
// "Fixtures"), re-exported so the harness and specs name one definition.
export type { SessionRefs, GradingPeriodRef, AcademicWeekRef } from '../../generators/types.js';
