// The only module specs import (docs/DESIGN.md "Harness surface for specs"). Everything a check
// needs is re-exported here; nothing else in src/ is part of the specs' contract.
export { describe } from 'vitest';

export { check, type CheckOptions } from './runtime/check.js';
export type { CheckContext, SecondaryTarget, TargetView, CheckLedger } from './runtime/context.js';
export type { SessionHelpers, CreatedResource, WriteOptions, SessionKeyPayload } from './runtime/session-helpers.js';
export type { Capability, CapabilityFlag, Role, TargetUrls, DiscoveryInfo } from './runtime/run-context.js';
export type { SessionRefs, GradingPeriodRef, AcademicWeekRef } from './runtime/refs.js';
export type { SessionFactory, SessionPayload } from './runtime/generators.js';
export type { CaseRow, ElicitedPair, Verdict } from './runtime/check-state.js';

export { expectStatus, expectNoBody } from './assert/status.js';
export { expectProblem, type ProblemExpectation, type ProblemBody } from './assert/problem.js';
export { expectEtag, unquoteEtag } from './assert/etag.js';
export { expectSessionBody, OWN_OPENAPI_BROKEN, CONTRACT_DIFFERS } from './assert/session-body.js';
export { ensure } from './assert/fail.js';
export { nextPageToken, totalCount } from './assert/paging.js';

export { ApiClient } from './http/api-client.js';
export type { Exchange, ExchangeRequest, RequestSpec } from './http/exchange.js';
export { CheckFailedError } from './errors.js';
export { Differences, type ProfileDifference } from './profiles/register.js';

// Check families over resource descriptors (specs/families/).
export { runFamily, selectedResources, type Family } from './runtime/families.js';
export type { ResourceClient } from './runtime/resource-client.js';
export { lacking as fixtureLacking } from './runtime/resource-client.js';
export { RESOURCES, memberAt, naturalKeyOf, resourceByName, type AnyResourceDescriptor, type ResourceName } from './resources/index.js';
export { requirementIdOf } from './requirements/templates.js';
export { expectResourceBody, requiredMembers } from './assert/resource-body.js';

export { SESSIONS, COURSE_OFFERINGS, OPERATION_NAMES, classifyOperation } from './contract/operations.js';
export type { OperationName, Requirement, Level, Area, Profile } from './requirements/types.js';

/** ODS 7.3 problem `type` URNs (CONTRACT.md §2.2), so specs do not retype them. */
export { ProblemType } from './contract/problem-types.js';
