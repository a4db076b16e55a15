"use client";
import type { StudyRoomView } from "@/lib/realtime/contract";

/**
 * The chime a study room plays when its pomodoro changes phase, synthesized with WebAudio (no
 * sound files to fetch): a bell (two decaying partials), a wood block (a short filtered click)
 * or a digital beep pair. Each person can mute chimes; that choice stays in this browser.
 */

export type Chime = StudyRoomView["chime"];
const MUTE_KEY = "moim.studyRoom.chimeMuted";

let context: AudioContext | null = null;
function audio(): AudioContext | null {
  if (typeof window === "undefined" || !("AudioContext" in window)) return null;
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume().catch(() => undefined);
  return context;
}

function tone(ctx: AudioContext, { frequency, start, length, type = "sine", gain = 0.25 }: { frequency: number; start: number; length: number; type?: OscillatorType; gain?: number }) {
  const osc = ctx.createOscillator();
  const amp = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  amp.gain.setValueAtTime(0.0001, start);
  amp.gain.exponentialRampToValueAtTime(gain, start + 0.01);
  amp.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(amp).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + length + 0.05);
}

/** Plays a chime; `toBreak` picks the falling form (focus over) or the rising one (back to focus). */
export function playChime(chime: Chime, toBreak: boolean): void {
  if (chime === "none") return;
  const ctx = audio();
  if (!ctx) return;
  const now = ctx.currentTime;
  if (chime === "bell") {
    const base = toBreak ? 880 : 660;
    tone(ctx, { frequency: base, start: now, length: 1.6 });
    tone(ctx, { frequency: base * 2.76, start: now, length: 0.9, gain: 0.08 });
    tone(ctx, { frequency: toBreak ? 660 : 880, start: now + 0.45, length: 1.6 });
  } else if (chime === "wood") {
    for (const [i, f] of (toBreak ? [1200, 900, 700] : [700, 900, 1200]).entries()) tone(ctx, { frequency: f, start: now + i * 0.18, length: 0.12, type: "triangle", gain: 0.4 });
  } else {
    for (const [i, f] of (toBreak ? [1046, 784] : [784, 1046]).entries()) tone(ctx, { frequency: f, start: now + i * 0.22, length: 0.16, type: "square", gain: 0.06 });
  }
}

export function chimeMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

export function setChimeMuted(muted: boolean): void {
  try {
    window.localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
  } catch {
    // private mode: the choice lasts for this page only
  }
}
