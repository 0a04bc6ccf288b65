// The run context reaches a spec worker through vitest's inject() (the runner provides it to its
// own vitest instance): outside a conformance run there is none, and the readers fall back to their
// defaults rather than to anything left in the process environment.
import { afterEach, describe, expect, it } from 'vitest';
import { MissingRunContextError } from '../../../src/errors.js';
import { currentRun, loadRunContext, setRunContextForTests } from '../../../src/runtime/current-run.js';
import { currentProfile } from '../../../src/runtime/profile.js';

afterEach(() => setRunContextForTests(undefined));

describe(loadRunContext.name, () => {
  it('should refuse, with a clear error, when no run provided a context', () => {
    expect(currentRun()).toBeUndefined();
    expect(() => loadRunContext()).toThrow(MissingRunContextError);
    expect(() => loadRunContext()).toThrow(/npm run conformance/);
  });

  it('should ignore the old environment variable: only a provided context counts', () => {
    process.env.EDFI_CONFORMANCE_CONTEXT = JSON.stringify({ profile: 'dms', runDir: '/tmp/x' });
    try {
      expect(currentRun()).toBeUndefined();
      expect(currentProfile()).toBe('ods-7.3');
    } finally {
      delete process.env.EDFI_CONFORMANCE_CONTEXT;
    }
  });

  it('should read the context that stands in for the provided one', () => {
    setRunContextForTests({ profile: 'dms', runDir: '/tmp/a' });
    expect(loadRunContext().runDir).toBe('/tmp/a');
    expect(currentProfile()).toBe('dms');
  });
});
