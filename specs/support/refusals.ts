// The 400 parameter-validation check the cursor-paging and partitions specs share: a refused query
// answers the parameter-validation-failed problem and (except under the guidelines profile, which
// fixes no wording) names what was wrong. One place, so both judge a refusal alike.
import { ensure, expectProblem, ProblemType, type CheckContext, type Exchange } from '../../src/index.js';

/** 400 parameter-validation-failed whose errors (or detail) match `pattern`; `message` is the failure text. */
export function expectParameterRefused(t: CheckContext, ex: Exchange, pattern: RegExp, message: string): void {
  expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
  if (t.target.profile === 'guidelines') return;
  const body = ex.json as { errors?: unknown; detail?: unknown };
  ensure(pattern.test(JSON.stringify(body.errors ?? body.detail ?? '')), message, {
    expected: `errors matching ${pattern}`, observed: body.errors ?? body.detail,
  }, ex);
}
