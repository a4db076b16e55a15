import type { Span } from "./study-day";

/**
 * A study room's shared pomodoro (issue 13), pure so the server (which keeps the state) and
 * every browser (which only draws it) agree. The state is absolute instants on the server's
 * clock: running, the phase ends at `phaseEndsAt` and focus and break then follow each other
 * by the lengths, so the phase now is derived from the stored state and the time, never from a
 * timer having fired. Paused, `remainingMs` is what is left of the phase.
 */

export type PomodoroPhase = "idle" | "focus" | "break";
export type PomodoroAction = "start" | "pause" | "resume" | "skip" | "reset";

export interface PomodoroState {
  phase: PomodoroPhase;
  running: boolean;
  /** ms since the epoch, while running. */
  phaseEndsAt: number | null;
  /** ms left of the phase, while paused. */
  remainingMs: number | null;
  /** Focus phases finished. */
  round: number;
  version: number;
}

export interface PomodoroLengths {
  focusMs: number;
  breakMs: number;
}

export const IDLE: Omit<PomodoroState, "version"> = { phase: "idle", running: false, phaseEndsAt: null, remainingMs: null, round: 0 };

const lengthOf = (phase: PomodoroPhase, lengths: PomodoroLengths) => (phase === "focus" ? lengths.focusMs : lengths.breakMs);
const after = (phase: PomodoroPhase): PomodoroPhase => (phase === "focus" ? "break" : "focus");

/** The state as it is at `now`: the phases a running pomodoro went through since it was stored. */
export function currentPomodoro(state: PomodoroState, lengths: PomodoroLengths, now: number): PomodoroState {
  if (!state.running || state.phase === "idle" || state.phaseEndsAt === null || now < state.phaseEndsAt) return state;
  const cycle = lengths.focusMs + lengths.breakMs;
  // Whole cycles at once (each holds one focus end), then at most two steps.
  const whole = Math.floor((now - state.phaseEndsAt) / cycle);
  let phase: PomodoroPhase = state.phase;
  let round = state.round;
  let endsAt = state.phaseEndsAt + whole * cycle;
  round += whole;
  while (endsAt <= now) {
    if (phase === "focus") round += 1;
    phase = after(phase);
    endsAt += lengthOf(phase, lengths);
  }
  return { ...state, phase, round, phaseEndsAt: endsAt };
}

/** What is left of the phase at `now` (a paused one's remainder; 0 when idle). */
export function remainingOf(state: PomodoroState, now: number): number {
  if (state.phase === "idle") return 0;
  if (state.running && state.phaseEndsAt !== null) return Math.max(0, state.phaseEndsAt - now);
  return state.remainingMs ?? 0;
}

/**
 * The state after a command, applied to the state as it is at `now` (currentPomodoro first).
 * Null: the command changes nothing (pausing a paused timer), so nothing is written or told.
 */
export function applyPomodoro(state: PomodoroState, action: PomodoroAction, lengths: PomodoroLengths, now: number): PomodoroState | null {
  const s = currentPomodoro(state, lengths, now);
  const version = s.version + 1;
  switch (action) {
    case "start":
      if (s.phase !== "idle") return null;
      return { phase: "focus", running: true, phaseEndsAt: now + lengths.focusMs, remainingMs: null, round: 0, version };
    case "pause":
      if (s.phase === "idle" || !s.running) return null;
      return { ...s, running: false, phaseEndsAt: null, remainingMs: remainingOf(s, now), version };
    case "resume":
      if (s.phase === "idle" || s.running) return null;
      return { ...s, running: true, phaseEndsAt: now + (s.remainingMs ?? 0), remainingMs: null, version };
    case "skip": {
      if (s.phase === "idle") return null;
      const phase = after(s.phase);
      const round = s.phase === "focus" ? s.round + 1 : s.round;
      const length = lengthOf(phase, lengths);
      return s.running
        ? { phase, running: true, phaseEndsAt: now + length, remainingMs: null, round, version }
        : { phase, running: false, phaseEndsAt: null, remainingMs: length, round, version };
    }
    case "reset":
      if (s.phase === "idle") return null;
      return { ...IDLE, version };
  }
}

/**
 * The stretches of [from, to) the pomodoro spent in a break (room time is not counted then):
 * a paused break is a break all along; a running pomodoro's phases are walked (bounded by the
 * window, which the caller keeps short).
 */
export function breaksWithin(state: PomodoroState, lengths: PomodoroLengths, from: number, to: number): Span[] {
  if (to <= from || state.phase === "idle") return [];
  if (!state.running) return state.phase === "break" ? [[from, to]] : [];
  const breaks: Span[] = [];
  let s = currentPomodoro(state, lengths, from);
  for (let guard = 0; guard < 10_000; guard++) {
    const end = s.phaseEndsAt!;
    const start = end - lengthOf(s.phase, lengths);
    if (s.phase === "break") breaks.push([Math.max(from, start), Math.min(to, end)]);
    if (end >= to) break;
    s = currentPomodoro(s, lengths, end);
  }
  return breaks.filter(([a, b]) => b > a);
}

/** `span` without the given stretches (sorted or not), in order. */
export function subtractSpans(span: Span, cuts: readonly Span[]): Span[] {
  let pieces: Span[] = [span];
  for (const [c0, c1] of cuts) {
    pieces = pieces.flatMap(([a, b]): Span[] => {
      if (c1 <= a || c0 >= b) return [[a, b]];
      const out: Span[] = [];
      if (c0 > a) out.push([a, c0]);
      if (c1 < b) out.push([c1, b]);
      return out;
    });
  }
  return pieces.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
}

/**
 * The client's side of the server clock: `offset` is serverNow minus this clock when the payload
 * arrived (half the round trip is within the 1 s the rooms promise).
 */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}
