import "server-only";

/**
 * Group commit: writes that arrive while one is being committed wait and go together in the
 * next transaction, so a commit (its fsync on SQLite, its round trips and redo-log flush on
 * MariaDB) is paid once per batch instead of once per write. Each item keeps its own outcome:
 * `run` settles every item (a rejected item fails alone), and nothing of a batch resolves
 * before the batch has committed. Items go to `run` in arrival order.
 *
 * One batch is in flight at a time; the first item of an idle batcher waits only for the
 * current macrotask to end (setImmediate), so a lone write is not delayed by a timer.
 */
export interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export function groupCommit<T, R>(run: (batch: Pending<T, R>[]) => Promise<void>, maxBatch = 128): (item: T) => Promise<R> {
  let queue: Pending<T, R>[] = [];
  let busy = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (busy || queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    busy = true;
    run(batch)
      .catch((err: unknown) => {
        // The batch's transaction failed as a whole: none of its items is stored.
        for (const p of batch) p.reject(err);
      })
      .finally(() => {
        busy = false;
        if (queue.length > 0) schedule();
      });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}

/** The same contract without the queue: every item is a batch of its own, run at once (concurrently). */
export function eachAlone<T, R>(run: (batch: Pending<T, R>[]) => Promise<void>): (item: T) => Promise<R> {
  return (item) =>
    new Promise<R>((resolve, reject) => {
      run([{ item, resolve, reject }]).catch(reject);
    });
}
