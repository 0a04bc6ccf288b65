// Which documented pairs the suite can elicit, decided from the descriptors: a DELETE's 409
// dependent-item-exists needs a resource the suite knows that references the deleted one (a
// course offering for sessions, a set-up-only section for course offerings).
import { describe, expect, it } from 'vitest';
import { ods73Contract } from '../../../src/contract/contract-sources.js';
import { courseOfferings, documentedPairs, hasDeleteBlockingDependent, sessions, type AnyResourceDescriptor } from '../../../src/resources/index.js';

const contract = ods73Contract();
const marked = (d: Pick<AnyResourceDescriptor, 'path' | 'dependents'>): string[] =>
  documentedPairs(d, contract).filter((p) => p.elicitable === 'no-dependent').map((p) => `${p.operation} ${p.status}`);

describe(documentedPairs.name, () => {
  it('should leave the course offering pairs as the contract has them: a section (set-up only) is the dependent that blocks its delete', () => {
    expect(hasDeleteBlockingDependent(courseOfferings)).toBe(true);
    expect(marked(courseOfferings)).toEqual([]);
    expect(documentedPairs(courseOfferings, contract)).toEqual(contract.pairs(courseOfferings.path));
  });

  it('should mark the DELETE 409 of a resource nothing references as not elicitable, and only that pair', () => {
    const alone = { ...courseOfferings, dependents: [] };
    expect(marked(alone)).toEqual(['DeleteCourseOfferingById 409']);
    // The 409s of POST and PUT are other conflicts (references, keys), not a dependent item.
    expect(documentedPairs(alone, contract).filter((p) => p.status === 409 && p.elicitable === 'yes').map((p) => p.operation)).toEqual(['PostCourseOffering', 'PutCourseOffering']);
    const strip = (pairs: ReturnType<typeof documentedPairs>) => pairs.map(({ elicitable: _mark, ...rest }) => rest);
    expect(strip(documentedPairs(alone, contract))).toEqual(strip(contract.pairs(courseOfferings.path)));
    expect(documentedPairs(alone, contract).filter((p) => p.status !== 409 || p.operation !== 'DeleteCourseOfferingById')).toEqual(
      contract.pairs(courseOfferings.path).filter((p) => p.status !== 409 || p.operation !== 'DeleteCourseOfferingById'),
    );
  });

  it('should leave the sessions pairs as the contract has them: a course offering is the dependent that blocks a session delete', () => {
    expect(hasDeleteBlockingDependent(sessions)).toBe(true);
    expect(documentedPairs(sessions, contract)).toEqual(contract.pairs(sessions.path));
  });

  it('should count only a dependent that blocks the delete', () => {
    const onlyCascading = { ...courseOfferings, dependents: [{ resource: 'sections' as const, via: 'courseOfferingReference', cascadesKeyChange: true, blocksDelete: false }] };
    expect(marked(onlyCascading)).toEqual(['DeleteCourseOfferingById 409']);
  });
});
