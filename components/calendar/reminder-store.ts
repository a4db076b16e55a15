"use client";
import { useSyncExternalStore } from "react";
import type { CalendarReminder } from "@/lib/calendar";

/**
 * The reminders this tab has been given (calendar:reminder), newest first, for the small list on
 * the calendar pages; the toast is shown as each arrives. Kept for the tab's life, at most 20.
 */
let reminders: CalendarReminder[] = [];
const listeners = new Set<() => void>();

export function addReminder(r: CalendarReminder): boolean {
  if (reminders.some((x) => x.eventId === r.eventId && x.occurrence === r.occurrence)) return false;
  reminders = [r, ...reminders].slice(0, 20);
  for (const l of listeners) l();
  return true;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const none: CalendarReminder[] = [];

export function useReminders(): CalendarReminder[] {
  return useSyncExternalStore(
    subscribe,
    () => reminders,
    () => none,
  );
}
