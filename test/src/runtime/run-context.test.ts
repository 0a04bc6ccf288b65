// The run context is read per run: one process may hold several runs in turn (the kill matrix
// calls runConformance repeatedly), and each must collect into its own run dir.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunContext, CONTEXT_ENV } from '../../../src/runtime/run-context.js';

describe(loadRunContext.name, () => {
  it('should follow a new run context rather than keep the first one', () => {
    const dirA = mkdtempSync(join(tmpdir(), 'ctx-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'ctx-b-'));
    const env = { [CONTEXT_ENV]: JSON.stringify({ runDir: dirA }) };
    expect(loadRunContext(env).runDir).toBe(dirA);
    env[CONTEXT_ENV] = JSON.stringify({ runDir: dirB });
    expect(loadRunContext(env).runDir).toBe(dirB);
  });
});
