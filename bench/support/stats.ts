/** Small helpers for figures: a monotonic clock, percentiles, waiting on counters, tables. */

/** Milliseconds on the process's monotonic clock (process.hrtime). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of `values` (ms), or null when there are none. */
export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

/**
 * A condition over counters that something can await: call notify() after changing a
 * counter, and until() resolves true once the condition holds, or false at the deadline.
 */
export class Watch {
  private waiters: { check: () => boolean; resolve: (met: boolean) => void }[] = [];

  notify(): void {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve(true);
      return false;
    });
  }

  until(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        check,
        resolve: (met: boolean) => {
          clearTimeout(timer);
          resolve(met);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/** Resolves at `dueMs` on the nowMs() clock (a schedule, not a wait for an event). */
export function sleepUntil(dueMs: number): Promise<void> {
  const delay = dueMs - nowMs();
  return delay <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, delay));
}

export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtDist(d: Distribution | null): string {
  return d ? `${fmt(d.p50)} / ${fmt(d.p95)} / ${fmt(d.p99)} / ${fmt(d.max)}` : "n/a";
}

/** A plain-text table with a header rule; columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
