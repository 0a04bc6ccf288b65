// The documented (operation, status) pairs of a resource as the suite can elicit them. The contract
// says what a target documents; whether a check can make a correct host answer a pair also depends
// on what the suite knows. A DELETE's 409 (dependent-item-exists) needs an item of another resource
// that references the one deleted: sessions have one (a course offering), course offerings have
// one (a section, created only as set-up: src/resources/sections.ts). For a resource without such a
// dependent the pair is marked 'no-dependent', so the report shows it as not elicitable here
// instead of as a gap in the checks (not-elicited) or as elicited. Decided from the descriptor's
// dependents, so a resource that gains a delete-blocking dependent flips back by itself.
import type { Contract, DocumentedPair } from '../contract/contract.js';
import type { AnyResourceDescriptor } from './types.js';

/** Some resource the suite knows references this one and makes its DELETE answer 409. */
export function hasDeleteBlockingDependent(d: Pick<AnyResourceDescriptor, 'dependents'>): boolean {
  return d.dependents.some((dependent) => dependent.blocksDelete);
}

/** The resource's pairs from the contract, with each pair no check can elicit marked as such. */
export function documentedPairs(d: Pick<AnyResourceDescriptor, 'path' | 'dependents'>, contract: Contract): DocumentedPair[] {
  const deletes = new Set(contract.forResource(d.path).filter((o) => o.kind === 'delete').map((o) => o.name));
  const noDependent = !hasDeleteBlockingDependent(d);
  return contract.pairs(d.path).map((p) => (noDependent && p.status === 409 && deletes.has(p.operation) ? { ...p, elicitable: 'no-dependent' } : p));
}
