// Which documented pairs the suite can elicit, decided from the descriptors: a DELETE's 409
// dependent-item-exists needs a resource the suite knows that references the deleted one.
import { describe, expect, it } from 'vitest';
import { ods73Contract } from '../../../src/contract/contract-sources.js';
import { courseOfferings, documentedPairs, hasDeleteBlockingDependent, sessions, type AnyResourceDescriptor } from '../../../src/resources/index.js';

const contract = ods73Contract();
const marked = (d: Pick<AnyResourceDescriptor, 'path' | 'dependents'>): string[] =>
  documentedPairs(d, contract).filter((p) => p.elicitable === 'no-dependent').map((p) => `${p.operation} ${p.status}`);

describe(documentedPairs.name, () => {
  it('should mark only DeleteCourseOfferingById 409 of course offerings as not elicitable: nothing the suite knows references an offering', () => {
    expect(hasDeleteBlockingDependent(courseOfferings)).toBe(false);
    expect(marked(courseOfferings)).toEqual(['DeleteCourseOfferingById 409']);
    // The 409s of POST and PUT are other conflicts (references, keys), not a dependent item.
    expect(documentedPairs(courseOfferings, contract).filter((p) => p.status === 409 && p.elicitable === 'yes').map((p) => p.operation)).toEqual(['PostCourseOffering', 'PutCourseOffering']);
  });

  it('should leave the sessions pairs as the contract has them: a course offering is the dependent that blocks a session delete', () => {
    expect(hasDeleteBlockingDependent(sessions)).toBe(true);
    expect(documentedPairs(sessions, contract)).toEqual(contract.pairs(sessions.path));
  });

  it('should make the 409 elicitable again once the resource has a delete-blocking dependent', () => {
    const withSections = { ...courseOfferings, dependents: [{ resource: 'sessions' as const, via: 'courseOfferingReference', cascadesKeyChange: true, blocksDelete: true }] };
    expect(marked(withSections)).toEqual([]);
    const onlyCascading = { ...courseOfferings, dependents: [{ resource: 'sessions' as const, via: 'courseOfferingReference', cascadesKeyChange: true, blocksDelete: false }] };
    expect(marked(onlyCascading)).toEqual(['DeleteCourseOfferingById 409']);
  });

  it('should change nothing but the mark: every other pair equals the contract', () => {
    const strip = (pairs: ReturnType<typeof documentedPairs>) => pairs.map(({ elicitable: _mark, ...rest }) => rest);
    expect(strip(documentedPairs(courseOfferings, contract))).toEqual(strip(contract.pairs(courseOfferings.path)));
    expect(documentedPairs(courseOfferings, contract).filter((p) => p.status !== 409 || p.operation !== 'DeleteCourseOfferingById')).toEqual(
      contract.pairs(courseOfferings.path).filter((p) => p.status !== 409 || p.operation !== 'DeleteCourseOfferingById'),
    );
  });
});
