// If-Match on writes (CONTRACT.md §3): quotes trimmed, the value parsed back to a DateTime and
// compared with the stored LastModifiedDate. Mismatch or non-numbers → 412; a number that is not
// a DateTime binary → 400.
import { etagFromTimestamp, etagTicks, parseIfMatch } from '../../http/etag.js';
import { optimisticLockFailed, parameterValidationFailed } from '../../http/problems.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';

export function checkIfMatch(req: HostRequest, ctx: HostContext, storedLastModified: string): HostResponse | undefined {
  if (ctx.seams.ignoreIfMatch) return undefined;
  const outcome = parseIfMatch(req.headers['if-match']);
  switch (outcome.kind) {
    case 'absent':
      return undefined;
    case 'unparseable':
      return optimisticLockFailed(req.correlationId);
    case 'invalid-datetime':
      return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', [
        'An invalid value was provided for use in detecting changes applied by other users.',
      ]);
    case 'ticks':
      return outcome.ticks === etagTicks(etagFromTimestamp(storedLastModified)) ? undefined : optimisticLockFailed(req.correlationId);
  }
}
