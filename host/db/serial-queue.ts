// A minimal async mutex: PGlite is one connection, so every top-level query and every
// transaction must run alone, or statements of two requests would interleave inside one
// transaction.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // Keep the chain alive whether the task fails or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
