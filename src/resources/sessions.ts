// The sessions descriptor: ODS/API 7.3 ed-fi/sessions (CONTRACT.md §1, §6). Its builder is the
// session factory in generators/; its list checks isolate on three non-reference members (see
// specs/support/isolated-set.ts); course offerings reference it and follow its key changes.
import { createSessionFactory, withNonKeyChange, type SessionPayload } from '../../generators/index.js';
import { SESSIONS } from '../contract/operations.js';
import type { ResourceDescriptor } from './types.js';

export const sessions: ResourceDescriptor<SessionPayload, Record<string, never>> = {
  name: 'sessions',
  title: 'a session',
  idPrefix: 'SES',
  path: SESSIONS,
  schema: 'edFi_session',
  naturalKey: ['schoolReference.schoolId', 'schoolYearTypeReference.schoolYear', 'sessionName'],
  keyUpdatable: true,
  prerequisites: [
    { kind: 'fixture', fixture: 'schoolId', required: true },
    { kind: 'fixture', fixture: 'schoolYear', required: true },
    { kind: 'fixture', fixture: 'termDescriptors', required: true },
    // Optional children: a session is valid without them; the builder uses what the target has.
    { kind: 'fixture', fixture: 'gradingPeriods', required: false, capability: 'gradingPeriods' },
    { kind: 'fixture', fixture: 'academicWeeks', required: false, capability: 'academicWeeks' },
  ],
  factory(options) {
    const factory = createSessionFactory(options);
    return { build: (refs, _parents, overrides) => factory.build(refs, overrides) };
  },
  nonKeyChange: withNonKeyChange,
  isolation: ['totalInstructionalDays', 'beginDate', 'endDate'],
  runName: {
    member: 'sessionName',
    lookup: [
      { param: 'schoolId', member: 'schoolReference.schoolId' },
      { param: 'schoolYear', member: 'schoolYearTypeReference.schoolYear' },
    ],
  },
  dependents: [{ resource: 'courseOfferings', via: 'sessionReference', cascadesKeyChange: true, blocksDelete: true }],
};
