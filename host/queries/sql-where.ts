// Accumulates AND-ed SQL conditions with numbered placeholders, so filters compose without
// string-pasting values into SQL.
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a parameter and returns its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** The conditions joined with AND; 'TRUE' when there are none. */
  sql(): string {
    return this.clauses.length === 0 ? 'TRUE' : this.clauses.map((c) => `(${c})`).join(' AND ');
  }
}
