import { describe, expect, it } from "vitest";
import { viewTimer, type TimerState } from "@/lib/study-timer";

const MIN = 60_000;
const base: TimerState = { mode: "stopwatch", subject: "수학", segments: [], runningSince: null, focusMinutes: null, breakMinutes: null };

describe("the timer's arithmetic", () => {
  it("a stopwatch counts the time it ran, pauses left out", () => {
    const state = { ...base, segments: [[0, 10 * MIN]] as [number, number][], runningSince: 15 * MIN };
    const view = viewTimer(state, 20 * MIN);
    expect(view.ranMs).toBe(15 * MIN);
    expect(view.studiedMs).toBe(15 * MIN);
    expect(view.studied).toEqual([[0, 10 * MIN], [15 * MIN, 20 * MIN]]);
  });

  it("a pomodoro counts focus and leaves breaks out, across a pause", () => {
    const state: TimerState = { ...base, mode: "pomodoro", focusMinutes: 25, breakMinutes: 5, segments: [[0, 20 * MIN]], runningSince: 30 * MIN };
    // ran 20 min, paused 10, ran again: focus ends at 25 ran-minutes (wall 35), break till 40, focus again
    const atBreak = viewTimer(state, 37 * MIN);
    expect(atBreak.phase).toBe("break");
    expect(atBreak.studiedMs).toBe(25 * MIN);
    expect(atBreak.studied).toEqual([[0, 20 * MIN], [30 * MIN, 35 * MIN]]);
    expect(atBreak.phaseEndsAt).toBe(40 * MIN);
    expect(atBreak.rounds).toBe(1);
    const next = viewTimer(state, 45 * MIN);
    expect(next.phase).toBe("focus");
    expect(next.studiedMs).toBe(30 * MIN);
    expect(next.phaseEndsAt).toBe(65 * MIN);
  });

  it("a paused pomodoro has no phase end", () => {
    const state: TimerState = { ...base, mode: "pomodoro", focusMinutes: 25, breakMinutes: 5, segments: [[0, 10 * MIN]] };
    expect(viewTimer(state, 99 * MIN)).toMatchObject({ phase: "focus", phaseEndsAt: null, studiedMs: 10 * MIN });
  });
});
