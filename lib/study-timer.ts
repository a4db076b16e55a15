import type { Span } from "./study-day";

/**
 * The personal study timer's arithmetic (issue 13), pure so the server (which keeps the state)
 * and every tab (which only draws it) agree. A timer is the stretches it ran — `segments`, and
 * the open one from `runningSince` while it runs. A stopwatch counts all of that; a pomodoro
 * counts only the focus part of each focus + break cycle, laid over the time it ran.
 */

export type TimerMode = "stopwatch" | "pomodoro";

export interface TimerState {
  mode: TimerMode;
  subject: string;
  segments: readonly Span[];
  /** ms since the epoch; null while paused. */
  runningSince: number | null;
  focusMinutes: number | null;
  breakMinutes: number | null;
}

export interface TimerView {
  /** Time the timer ran (pauses left out). */
  ranMs: number;
  /** Time it counts as study (a pomodoro's breaks left out). */
  studiedMs: number;
  /** The stretches counted as study, in wall time. */
  studied: Span[];
  phase: "focus" | "break" | null;
  /** When the current pomodoro phase ends, if running. */
  phaseEndsAt: number | null;
  /** Pomodoro focus periods finished. */
  rounds: number;
}

/** All stretches the timer ran, the open one cut at `now`. */
export function ranSpans(state: Pick<TimerState, "segments" | "runningSince">, now: number): Span[] {
  const spans = [...state.segments];
  if (state.runningSince !== null && now > state.runningSince) spans.push([state.runningSince, now]);
  return spans;
}

export function viewTimer(state: TimerState, now: number): TimerView {
  const ran = ranSpans(state, now);
  const ranMs = ran.reduce((sum, [a, b]) => sum + (b - a), 0);
  if (state.mode === "stopwatch" || !state.focusMinutes || !state.breakMinutes)
    return { ranMs, studiedMs: ranMs, studied: ran, phase: null, phaseEndsAt: null, rounds: 0 };
  const focus = state.focusMinutes * 60_000;
  const cycle = focus + state.breakMinutes * 60_000;
  // Walk the ran time as one line; the focus windows on it are [k·cycle, k·cycle + focus).
  const studied: Span[] = [];
  let position = 0; // ran time before the current span
  for (const [start, end] of ran) {
    const length = end - start;
    let k = Math.floor(position / cycle);
    while (k * cycle < position + length) {
      const from = Math.max(position, k * cycle);
      const to = Math.min(position + length, k * cycle + focus);
      if (to > from) studied.push([start + (from - position), start + (to - position)]);
      k += 1;
    }
    position += length;
  }
  const inCycle = ranMs % cycle;
  const phase = inCycle < focus ? "focus" : "break";
  const phaseEndsAt = state.runningSince === null ? null : now + (phase === "focus" ? focus - inCycle : cycle - inCycle);
  const rounds = Math.floor(ranMs / cycle) + (inCycle >= focus ? 1 : 0);
  return { ranMs, studiedMs: studied.reduce((sum, [a, b]) => sum + (b - a), 0), studied, phase, phaseEndsAt, rounds };
}
