// The on-disk seeded image cache: names change with what shapes the image, writes are whole-file,
// and images of other hashes are removed.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageCachePath, readImage, writeImage } from '../../host/db/image-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edfi-image-test-'));
  process.env.EDFI_HOST_IMAGE_DIR = dir;
});
afterEach(() => {
  delete process.env.EDFI_HOST_IMAGE_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('image cache', () => {
  it('names the file after schema and seed, inside EDFI_HOST_IMAGE_DIR', () => {
    const a = imageCachePath('schema A', 'seed');
    expect(path.dirname(a)).toBe(dir);
    expect(path.basename(a)).toMatch(/^edfi-host-image-[0-9a-f]{16}\.tar$/);
    expect(imageCachePath('schema A', 'seed')).toBe(a);
    expect(imageCachePath('schema B', 'seed')).not.toBe(a);
    expect(imageCachePath('schema A', 'other seed')).not.toBe(a);
  });

  it('round-trips an image and removes images of other hashes', async () => {
    const stale = path.join(dir, 'edfi-host-image-0123456789abcdef.tar');
    writeFileSync(stale, 'old');
    const file = imageCachePath('schema', 'seed');
    await writeImage(file, new Blob([Buffer.from('image bytes')]));
    const read = await readImage(file);
    expect(Buffer.from(await read!.arrayBuffer()).toString()).toBe('image bytes');
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('reads nothing when no image exists', async () => {
    expect(await readImage(path.join(dir, 'missing.tar'))).toBeUndefined();
  });
});
