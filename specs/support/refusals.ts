// The 400 parameter-validation check every list spec shares (limit, offset, cursor parameters,
// partition number, tracked-change paging): a refused query answers the parameter-validation-failed
// problem and, where the profile register asks for it (problem-names-parameter), names what was
// wrong. One place, so every list judges a refusal alike.
import { Differences, ensure, expectProblem, ProblemType, type CheckContext, type Exchange } from '../../src/index.js';

/** 400 parameter-validation-failed whose errors (or detail) match `pattern`; `message` is the failure text. */
export function expectParameterRefused(t: CheckContext, ex: Exchange, pattern: RegExp, message = 'the problem should name the parameter that was wrong'): void {
  const body = expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
  if (!t.decide(Differences.problemNamesParameter)) return;
  ensure(pattern.test(JSON.stringify(body.errors ?? body.detail ?? '')), message, {
    expected: `errors matching ${pattern}`, observed: body.errors ?? body.detail,
  }, ex);
}
