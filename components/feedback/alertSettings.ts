"use client";
import { useSyncExternalStore } from "react";
import { z } from "zod";

/**
 * The reader's alert choices, kept in this browser (they are about this device: a laptop may
 * chime, a shared office PC not). Sound starts off: a noise nobody asked for is a surprise in a
 * classroom or an office, and browsers refuse to play audio before the first click anyway.
 */
const Settings = z.object({
  sound: z.boolean().catch(false),
  notify: z.boolean().catch(false),
  /** "Not now" on the notification prompt: it is not offered again. */
  promptDismissed: z.boolean().catch(false),
});
export type AlertSettings = z.infer<typeof Settings>;

const KEY = "moim:alerts";
const DEFAULTS: AlertSettings = { sound: false, notify: false, promptDismissed: false };
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: AlertSettings } | null = null;

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
  const result = Settings.safeParse(parsed);
  cached = { raw, value: result.success ? result.data : DEFAULTS };
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
