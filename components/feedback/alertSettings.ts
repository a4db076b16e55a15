"use client";
import { useSyncExternalStore } from "react";

/**
 * The reader's alert choices, kept in this browser (they are about this device: a laptop may
 * chime, a shared office PC not). Sound starts off: a noise nobody asked for is a surprise in a
 * classroom or an office, and browsers refuse to play audio before the first click anyway.
 */
export interface AlertSettings {
  sound: boolean;
  notify: boolean;
  /** "Not now" on the notification prompt: it is not offered again. */
  promptDismissed: boolean;
}

const KEY = "moim:alerts";
const DEFAULTS: AlertSettings = { sound: false, notify: false, promptDismissed: false };
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: AlertSettings } | null = null;

/**
 * What another version or a hand edit left in storage, made safe by hand (no zod in the
 * browser's first load): not an object, the defaults; each field that is not a boolean, false.
 */
function fromStored(value: unknown): AlertSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return DEFAULTS;
  const v = value as Record<string, unknown>;
  const flag = (key: keyof AlertSettings) => (typeof v[key] === "boolean" ? (v[key] as boolean) : false);
  return { sound: flag("sound"), notify: flag("notify"), promptDismissed: flag("promptDismissed") };
}

function read(): AlertSettings {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return DEFAULTS; // storage disabled: the defaults, every time
  }
  if (cached && cached.raw === raw) return cached.value;
  let parsed: unknown = {};
  try {
    parsed = raw ? JSON.parse(raw) : {};
  } catch {
    parsed = {};
  }
  cached = { raw, value: fromStored(parsed) };
  return cached.value;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener(); // another tab changed them
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function readAlertSettings() {
  return read();
}

export function updateAlertSettings(patch: Partial<AlertSettings>) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ ...read(), ...patch }));
  } catch {
    // storage disabled: the choice lasts as long as nothing re-reads it
  }
  for (const l of listeners) l();
}

export function useAlertSettings(): AlertSettings {
  return useSyncExternalStore(subscribe, read, () => DEFAULTS);
}

/** What the browser allows: "unsupported" where there is no Notification API (iOS Safari outside a home-screen app). */
export type NotifyPermission = NotificationPermission | "unsupported";
export function notifyPermission(): NotifyPermission {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}
