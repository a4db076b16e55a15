import { TZDate } from "@date-fns/tz";

const two = (n: number) => String(n).padStart(2, "0");

/** An instant as a `datetime-local` value in `timeZone` ("2026-12-04T09:30"). */
export function toLocalInput(ms: number, timeZone: string): string {
  const d = new TZDate(ms, timeZone);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A `datetime-local` value read in `timeZone`, as an ISO instant (UTC); null if it is not one. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime();
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}
