// Every error the harness throws, under one base class with a stable `code`. Callers branch on the
// code, never on message text. A contract violation (CheckFailedError) is a *failure* of the target;
// everything else here is a harness or run problem (shown as broken, or exit 2 before any check).

export class HarnessError extends Error {
  readonly code: string = 'CT_ERR';
  override readonly name: string = 'HarnessError';
}

/** The settings cannot be used; the message names each bad setting. Exit 2. */
export class ConfigInvalidError extends HarnessError {
  override readonly code = 'CT_ERR_CONFIG_INVALID';
  override readonly name = 'ConfigInvalidError';
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid setting: ${problems[0]}` : `Invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The run cannot be made against this target (unreachable, token refused, prerequisites missing). Exit 2. */
export class RunNotPossibleError extends HarnessError {
  override readonly code = 'CT_ERR_RUN_NOT_POSSIBLE';
  override readonly name = 'RunNotPossibleError';
}

/** The token endpoint refused or answered something unusable. */
export class TokenRequestError extends HarnessError {
  override readonly code = 'CT_ERR_TOKEN_REQUEST';
  override readonly name = 'TokenRequestError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** No answer from the target: connection refused, reset, or timed out. */
export class TransportError extends HarnessError {
  override readonly code = 'CT_ERR_TRANSPORT';
  override readonly name = 'TransportError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export class ContractLoadError extends HarnessError {
  override readonly code = 'CT_ERR_CONTRACT_LOAD';
  override readonly name = 'ContractLoadError';
}

/** A spec cites a requirement id that is not in the catalogue: the spec file fails to load. */
export class UnknownRequirementError extends HarnessError {
  override readonly code = 'CT_ERR_UNKNOWN_REQUIREMENT';
  override readonly name = 'UnknownRequirementError';
  constructor(readonly requirementId: string, hint?: string) {
    super(`Unknown requirement id '${requirementId}'${hint ? ` (did you mean '${hint}'?)` : ''}; add it to src/requirements/catalogue/ first`);
  }
}

export class DuplicateRequirementError extends HarnessError {
  override readonly code = 'CT_ERR_DUPLICATE_REQUIREMENT';
  override readonly name = 'DuplicateRequirementError';
  constructor(readonly requirementId: string) {
    super(`Requirement id '${requirementId}' is defined more than once in the catalogue`);
  }
}

/** Deleting what the run created failed for some entries; every failure is kept. */
export class CleanupError extends HarnessError {
  override readonly code = 'CT_ERR_CLEANUP';
  override readonly name = 'CleanupError';
  constructor(readonly problems: string[]) {
    super(`Could not delete ${problems.length} resource(s) created by the run:\n  - ${problems.join('\n  - ')}`);
  }
}

/** No run context was provided (vitest provide/inject): specs were started outside the runner. */
export class MissingRunContextError extends HarnessError {
  override readonly code = 'CT_ERR_RUN_CONTEXT';
  override readonly name = 'MissingRunContextError';
}

export interface Observation {
  expected: unknown;
  observed: unknown;
}

/**
 * The target did not do what a requirement says. Carries the structured facts; the message is
 * composed by the check runner (requirement id, curl of the last exchange, replay command).
 */
export class CheckFailedError extends HarnessError {
  override readonly code = 'CT_ERR_CHECK_FAILED';
  override readonly name = 'CheckFailedError';
  /** Rendered forms, the members reporters look for: Allure marks the check failed (not broken). */
  expected?: string;
  actual?: string;
  /** Set when the assertion ran inside an arrange step (src/runtime/arrange.ts). */
  arrange?: { step: string; evidences?: string };
  constructor(
    readonly what: string,
    readonly facts: Observation,
    readonly requirementId?: string,
  ) {
    super(what);
  }
}

/** A file a command reads (a run's conformance.json, a bundle) is missing or not what it should be. Exit 2. */
export class InputUnreadableError extends HarnessError {
  override readonly code = 'CT_ERR_INPUT_UNREADABLE';
  override readonly name = 'InputUnreadableError';
}
