// Regenerates src/requirements/seed-pairs.ts from the SDK seed. The seed lives outside the
// repository (../shared/seeds), so the pairs are committed and this script (plus a test comparing
// both) keeps them honest:  npx tsx src/requirements/generate-seed-pairs.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSeedPairs, renderSeedPairsModule } from './seed-pair-parser.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SEEDS_DIR = resolve(here, '../../../shared/seeds');
export const OUTPUT = join(here, 'seed-pairs.ts');

export function findSeedFile(dir = SEEDS_DIR): string {
  const name = readdirSync(dir).find((f) => /^001_.*\.txt$/.test(f));
  if (!name) throw new Error(`no 001_*.txt seed in ${dir}`);
  return name;
}

export function generatedSource(dir = SEEDS_DIR): string {
  const file = findSeedFile(dir);
  return renderSeedPairsModule(parseSeedPairs(readFileSync(join(dir, file), 'utf8')), file);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = generatedSource();
  writeFileSync(OUTPUT, source);
  console.log(`wrote ${OUTPUT}: ${(source.match(/operation:/g) ?? []).length} pairs`);
}
