// What the suite must know about a resource beyond its OpenAPI contract: how to build a valid item
// from what the target has, which members are its natural key, what to change without touching
// the key, how a check keeps its items apart from other checks', and which resources depend on
// it. Operations and statuses are not here: they come from the contract (src/contract/contract.ts).
// Suite side only; the reference host has its own model of each resource.
import type { FixtureCapability } from '../fixtures/discover.js';
import type { SessionRefs } from '../runtime/refs.js';

/**
 * The suite's short name of a resource: the collection segment of its path (also the ledger's
 * name). 'sections' is set-up only (src/resources/index.ts SET_UP_RESOURCES): created as a course
 * offering's dependent, never checked.
 */
export type ResourceName = 'sessions' | 'courseOfferings' | 'sections';

/** Something that must exist before an item can be built. */
export type Prerequisite =
  | {
      kind: 'fixture';
      /** The SessionRefs member the builder reads (discovered on the target, never created). */
      fixture: keyof SessionRefs;
      /** Without it no item can be built: checks on this resource skip, naming `capability`. */
      required: boolean;
      /** The probed fixture capability that says whether the target has it, when one does. */
      capability?: FixtureCapability;
      /** The skip reason when it is missing (default: names the fixture). */
      missing?: string;
    }
  | {
      kind: 'created';
      /** Another resource the run creates first (and deletes after). */
      resource: ResourceName;
      /** The parent the builder takes it as: the leaves of its natural key, as an Ed-Fi reference holds them. */
      as: string;
    };

/** A resource whose items reference this one. */
export interface Dependent {
  resource: ResourceName;
  /** The dependent's member holding the reference: 'sessionReference'. */
  via: string;
  /** ODS cascades a key change of the referenced item into the dependent (ON UPDATE CASCADE). */
  cascadesKeyChange: boolean;
  /** A DELETE of a referenced item is refused: 409 dependent-item-exists. */
  blocksDelete: boolean;
}

export interface ResourceFactory<P, Parents> {
  /** A valid item built only from the target's fixtures and the created parents; overrides replace top-level members. */
  build(refs: SessionRefs, parents: Parents, overrides?: Partial<P>): P;
}

export interface ResourceDescriptor<P extends object = object, Parents extends object = object> {
  name: ResourceName;
  /** In messages: 'a session', 'a course offering'. */
  title: string;
  /** Requirement id prefix of its checks: 'SES'. */
  idPrefix: string;
  /** Collection path below the data root; a resource of the contract. */
  path: string;
  /** Its schema in the OpenAPI components: 'edFi_session'. */
  schema: string;
  /** Dotted member paths of the natural key, in the order the key lists them. */
  naturalKey: readonly string[];
  /** A PUT may change the natural key (the contract's x-Ed-Fi-isUpdatable on PUT). */
  keyUpdatable: boolean;
  prerequisites: readonly Prerequisite[];
  /** A seeded, stateful builder (one per check: the same seed gives the same items). */
  factory(options: { seed: number; runTag: string }): ResourceFactory<P, Parents>;
  /** The same item with exactly one non-key scalar member changed (pure). */
  nonKeyChange(payload: P): P;
  /** The non-key members whose GET-many filters a list check sets to values only its own items carry. */
  isolation: readonly string[];
  /**
   * The member that carries the run's unique tag in every item the suite builds (sessionName,
   * localCourseCode), and the key members that narrow a search for it. The ledger names what a
   * POST is about to create by it, and the sweep finds an item whose 201 never arrived by it.
   */
  runName: { member: string; lookup: ReadonlyArray<{ param: string; member: string }> };
  dependents: readonly Dependent[];
}

/**
 * A descriptor seen by generic code (registries, the resource client): payloads and parents are
 * JSON records there; each descriptor's own type stays precise where it is written.
 */
export type AnyResourceDescriptor = ResourceDescriptor<Record<string, unknown>, Record<string, unknown>>;
