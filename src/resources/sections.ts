// The sections descriptor: ODS/API 7.3 ed-fi/sections, a SET-UP-ONLY resource. The suite runs no
// check family on sections and does not report them; it creates a section only as the dependent
// that makes a course offering's DELETE answer 409 dependent-item-exists ({R}-DELETE-409-DEPENDENT
// in specs/families/delete.ts), and its ledger and sweep delete what it created. A section
// references a course offering the run creates first (courseOfferingReference: the offering's
// natural key); ODS's FK from section to course offering cascades the offering's key changes.
// Its path is not in the committed contract (src/contract/ods-7.3/), which covers the checked
// resources only: the check asks the target whether it serves sections before creating one.
import { createSectionFactory, type CourseOfferingKey, type SectionPayload } from '../../generators/index.js';
import type { ResourceDescriptor } from './types.js';

export const sections: ResourceDescriptor<SectionPayload, { courseOffering: CourseOfferingKey }> = {
  name: 'sections',
  title: 'a section',
  idPrefix: 'SEC',
  path: '/ed-fi/sections',
  schema: 'edFi_section',
  naturalKey: [
    'sectionIdentifier',
    'courseOfferingReference.localCourseCode',
    'courseOfferingReference.schoolId',
    'courseOfferingReference.schoolYear',
    'courseOfferingReference.sessionName',
  ],
  // The ODS 7.2 OpenAPI marks PUT /ed-fi/sections/{id} x-Ed-Fi-isUpdatable; the suite never PUTs one.
  keyUpdatable: true,
  prerequisites: [{ kind: 'created', resource: 'courseOfferings', as: 'courseOffering' }],
  factory(options) {
    const factory = createSectionFactory(options);
    return { build: (_refs, parents, overrides) => factory.build(parents.courseOffering, overrides) };
  },
  nonKeyChange: (payload) => ({ ...structuredClone(payload), sectionName: `${payload.sectionName ?? 'Section'} (changed)`.slice(0, 100) }),
  isolation: ['sectionName'],
  runName: {
    member: 'sectionIdentifier',
    lookup: [
      { param: 'schoolId', member: 'courseOfferingReference.schoolId' },
      { param: 'schoolYear', member: 'courseOfferingReference.schoolYear' },
    ],
  },
  dependents: [],
};
