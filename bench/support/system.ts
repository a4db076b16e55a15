/**
 * Machine-wide figures for a measurement window, so a reader can tell whether something
 * else on the box (other processes, the hypervisor, the disk) shaped the numbers.
 */
import { readFileSync } from "node:fs";
import { clockTicksPerSecond } from "./server";

interface SystemSample {
  /** Jiffies from the "cpu" line of /proc/stat: process time (user, nice, system) and interrupts. */
  busy: number;
  irq: number;
  iowait: number;
  steal: number;
  /** Stall totals from /proc/pressure (µs), when the kernel has PSI. */
  cpuSomeUs: number | null;
  ioSomeUs: number | null;
  ioFullUs: number | null;
}

export interface SystemWindow {
  /** CPU cores kept busy on average by everything on the machine. */
  machineBusyCores: number;
  /** Process CPU seconds not spent by the server or the bench client: other load. */
  otherCpuSeconds: number | null;
  /** Interrupt and softirq time (loopback TCP is processed there), percent of all cores. */
  irqPercent: number;
  iowaitPercent: number;
  stealPercent: number;
  /** Share of wall time some runnable task waited for a CPU (PSI cpu some). */
  cpuPressurePercent: number | null;
  /** Share of wall time some task waited on I/O (PSI io some) / all tasks did (io full). */
  ioPressureSomePercent: number | null;
  ioPressureFullPercent: number | null;
}

function psiTotal(resource: "cpu" | "io", kind: "some" | "full"): number | null {
  try {
    const line = readFileSync(`/proc/pressure/${resource}`, "utf8")
      .split("\n")
      .find((l) => l.startsWith(kind));
    const match = line ? /total=(\d+)/.exec(line) : null;
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function sampleSystem(): SystemSample {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const [user = 0, nice = 0, system = 0, , iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu.trim().split(/\s+/).slice(1).map(Number);
  return {
    busy: user + nice + system,
    irq: irq + softirq,
    iowait,
    steal,
    cpuSomeUs: psiTotal("cpu", "some"),
    ioSomeUs: psiTotal("io", "some"),
    ioFullUs: psiTotal("io", "full"),
  };
}

export function systemWindow(
  before: SystemSample,
  after: SystemSample,
  wallS: number,
  ownCpuSeconds: number | null,
  cores: number,
): SystemWindow {
  const hz = clockTicksPerSecond();
  const busyS = (after.busy - before.busy) / hz;
  const irqS = (after.irq - before.irq) / hz;
  const pct = (a: number | null, b: number | null) => (a === null || b === null ? null : ((b - a) / 1e6 / wallS) * 100);
  return {
    machineBusyCores: (busyS + irqS) / wallS,
    otherCpuSeconds: ownCpuSeconds === null ? null : Math.max(0, busyS - ownCpuSeconds),
    irqPercent: (irqS / (wallS * cores)) * 100,
    iowaitPercent: ((after.iowait - before.iowait) / hz / (wallS * cores)) * 100,
    stealPercent: ((after.steal - before.steal) / hz / (wallS * cores)) * 100,
    cpuPressurePercent: pct(before.cpuSomeUs, after.cpuSomeUs),
    ioPressureSomePercent: pct(before.ioSomeUs, after.ioSomeUs),
    ioPressureFullPercent: pct(before.ioFullUs, after.ioFullUs),
  };
}

export interface ThreadStates {
  samples: number;
  /** Percent of samples the server's main (event-loop) thread was in each state. */
  running: number;
  sleeping: number;
  /** "D": uninterruptible, in practice waiting for the disk (fsync). */
  diskWait: number;
}

/**
 * Samples the state of the server's main thread every `everyMs` until stopped: how often the
 * event loop is on a CPU (R), idle (S) or blocked on the disk (D).
 */
export function watchMainThread(pid: number | null, everyMs = 5): { stop(): ThreadStates | null } {
  if (pid === null) return { stop: () => null };
  const counts = { R: 0, S: 0, D: 0, other: 0 };
  let samples = 0;
  const timer = setInterval(() => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
      const state = stat.charAt(stat.lastIndexOf(")") + 2);
      if (state === "R" || state === "S" || state === "D") counts[state]++;
      else counts.other++;
      samples++;
    } catch {
      // the process is gone; stop() reports what was seen
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      if (samples === 0) return null;
      const pct = (n: number) => (n / samples) * 100;
      return { samples, running: pct(counts.R), sleeping: pct(counts.S), diskWait: pct(counts.D) };
    },
  };
}
