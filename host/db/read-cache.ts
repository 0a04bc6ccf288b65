// The in-process read cache behind Db.read (db.ts): what a keyed read returned, kept until the
// next write. GET by id and GET-many answer from it without touching the database, which is most
// of what a request costs on PGlite (WASM, one thread). The database stays the single truth:
//   - every write forgets everything, when it starts and again when it ends (writes are rare next
//     to reads, and a per-table or per-id scheme would have to know what each trigger touches);
//   - a read's result is remembered only when no write was running at any moment of the read, so
//     it is exactly the data of one committed state (on a server, writes run concurrently);
//   - anything the classifier below does not recognise as a pure read counts as a write.
// The host owns its database (open.ts recreates the schemas), so nothing else writes behind it.
import { shareValue } from '../http/shared-json.js';

/** Statements that read without writing: SELECT/WITH/VALUES/TABLE with no writing verb or lock. */
const READ_START = /^\s*(?:SELECT|WITH|VALUES|TABLE)\b/i;
const WRITES = /\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL|NOTIFY|nextval|setval|set_config|pg_advisory\w*|lo_\w+)\b|\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE|KEY\s+SHARE)\b/i;

export function isPureRead(sql: string): boolean {
  return READ_START.test(sql) && !WRITES.test(sql);
}

export class WriteInReadError extends Error {
  constructor() {
    super('A statement that may write ran inside Db.read; reads must not write (use Db.transaction).');
    this.name = 'WriteInReadError';
  }
}

/** Cached items beyond which the oldest entries are dropped (a 100,000-session walk must not fill memory). */
export const DEFAULT_MAX_WEIGHT = 5000;

export class ReadCache {
  private readonly entries = new Map<string, { value: unknown; weight: number }>();
  private weight = 0;
  private generation = 0;
  private writing = 0;

  constructor(private readonly maxWeight = DEFAULT_MAX_WEIGHT) {}

  /** Brackets a statement or transaction that may write. */
  async write<T>(run: () => Promise<T>): Promise<T> {
    this.bump(1);
    try {
      return await run();
    } finally {
      this.bump(-1);
    }
  }

  /**
   * The remembered result for `key`, or `load()`'s (deep-frozen: it may be handed to later
   * requests). `weigh` tells how many items a result holds, for the size bound.
   */
  async read<T>(key: string, load: () => Promise<T>, weigh: (value: T) => number = () => 1): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit.value as T;
    const started = this.writing === 0 ? this.generation : undefined;
    const value = shareValue(await load());
    if (started !== undefined && this.writing === 0 && this.generation === started) this.remember(key, value, weigh(value));
    return value;
  }

  /** How many results are remembered now (for tests). */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  private bump(delta: 1 | -1): void {
    this.writing += delta;
    this.generation++;
    this.clear();
  }

  private remember(key: string, value: unknown, weight: number): void {
    if (weight > this.maxWeight) return;
    for (const [oldest, entry] of this.entries) {
      if (this.weight + weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
    this.entries.set(key, { value, weight });
    this.weight += weight;
  }
}
