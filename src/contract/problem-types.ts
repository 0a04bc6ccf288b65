// The problem-details `type` URNs of ODS/API 7.3 (CONTRACT.md §2.2), which DMS shares. One table
// for the suite: specs take it from src/index.ts, the generators' invalid-case catalogue from
// here (generators may import src/contract only). The embedded host keeps its own copy on
// purpose: it is an independent implementation and must not share the suite's expectations.

export const ProblemType = {
  badRequest: 'urn:ed-fi:api:bad-request',
  dataValidationFailed: 'urn:ed-fi:api:bad-request:data-validation-failed',
  keyChangeNotSupported: 'urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported',
  parameterValidationFailed: 'urn:ed-fi:api:bad-request:parameter-validation-failed',
  authentication: 'urn:ed-fi:api:security:authentication',
  authorization: 'urn:ed-fi:api:security:authorization',
  notFound: 'urn:ed-fi:api:not-found',
  featureDisabled: 'urn:ed-fi:api:system:configuration:feature-disabled',
  methodNotAllowed: 'urn:ed-fi:api:method-not-allowed',
  snapshotMethodNotAllowed: 'urn:ed-fi:api:snapshots:method-not-allowed',
  unresolvedReference: 'urn:ed-fi:api:data-conflict:unresolved-reference',
  dependentItemExists: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
  nonUniqueIdentity: 'urn:ed-fi:api:data-conflict:non-unique-identity',
  optimisticLockFailed: 'urn:ed-fi:api:optimistic-lock-failed',
  unsupportedMediaType: 'urn:ed-fi:api:unsupported-media-type',
  invalidProfileUsage: 'urn:ed-fi:api:profile:invalid-profile-usage',
  system: 'urn:ed-fi:api:system',
} as const;

export type ProblemTypeUrn = (typeof ProblemType)[keyof typeof ProblemType];
