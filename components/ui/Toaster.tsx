"use client";
import dynamic from "next/dynamic";
import { useSyncExternalStore } from "react";

/** How long a toast with an Undo stays (the server honours the undo for 30 s: server/undo-token.ts). */
const UNDO_TOAST_MS = 10_000;

/**
 * The toast region, in the root layout. Sonner (about 10 KB gzipped) loads with the first toast
 * rather than with every page: until then there is nothing to show. A toast made before the
 * region has mounted is not lost: sonner replays the active toasts to a region that subscribes.
 */
const ToastRegion = dynamic(() => import("./ToastRegion").then((m) => m.ToastRegion), { ssr: false });

let requested = false;
const listeners = new Set<() => void>();

function sonner() {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  return import("sonner");
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Toaster() {
  const shown = useSyncExternalStore(
    subscribe,
    () => requested,
    () => false,
  );
  return shown ? <ToastRegion /> : null;
}

/** A toast saying what just happened, with an Undo that runs `onUndo`. */
export function toastWithUndo(message: string, undoLabel: string, onUndo: () => void) {
  void sonner().then(({ toast }) => toast(message, { duration: UNDO_TOAST_MS, action: { label: undoLabel, onClick: onUndo } }));
}

export function toastDone(message: string) {
  void sonner().then(({ toast }) => toast(message));
}

export function toastError(message: string) {
  void sonner().then(({ toast }) => toast.error(message));
}
