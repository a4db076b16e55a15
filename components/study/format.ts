/** A running clock's face: `12:34` under an hour, `1:02:03` past it. */
export function clockOf(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Hours and minutes of a duration, for totals ("1시간 20분" / "1 h 20 min"). */
export function durationOf(
  ms: number,
  t: (key: "hours" | "hoursOnly" | "minutes" | "underMinute", values?: { h?: number; m?: number }) => string,
): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(minutes / 60);
  if (h > 0) return minutes % 60 === 0 ? t("hoursOnly", { h }) : t("hours", { h, m: minutes % 60 });
  // Nothing reads "0 min"; a short session "under 1 min".
  return minutes === 0 && ms > 0 ? t("underMinute") : t("minutes", { m: minutes });
}
