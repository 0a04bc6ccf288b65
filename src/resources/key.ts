// Reading a descriptor's members out of an item: the natural key (dotted member paths) and the
// key's equality, which generic checks need to tell "the same item" from "another item".
import type { ResourceDescriptor } from './types.js';

/** The value at a dotted member path ('sessionReference.sessionName'); undefined when absent. */
export function memberAt(item: unknown, path: string): unknown {
  let node: unknown = item;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The natural key of an item, as { 'dotted.path': value } in the descriptor's order. */
export function naturalKeyOf(descriptor: Pick<ResourceDescriptor, 'naturalKey'>, item: unknown): Record<string, unknown> {
  return Object.fromEntries(descriptor.naturalKey.map((path) => [path, memberAt(item, path)]));
}

/** Two items have the same natural key (strings compared as sent; a host may compare case-insensitively). */
export function sameNaturalKey(descriptor: Pick<ResourceDescriptor, 'naturalKey'>, a: unknown, b: unknown): boolean {
  return descriptor.naturalKey.every((path) => memberAt(a, path) === memberAt(b, path));
}
