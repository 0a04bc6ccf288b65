// Lists every file a run wrote under a report dir, for greps.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Files (relative names) that contain any of the needles. */
export function filesContaining(dir: string, needles: string[]): string[] {
  return filesUnder(dir).filter((f) => {
    const text = readFileSync(f).toString('utf8');
    return needles.some((n) => n.length > 0 && text.includes(n));
  });
}
