"use client";
import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/realtime/contract";

/** ↑ in an empty message box opens the editor of the user's last message: the box asks, the row opens it. */
const EVENT = "moim:edit-message";

/** Asks the row of the user's last editable message to open its editor; false when there is none. */
export function requestEditLast(messages: ChatMessage[], myId: string): boolean {
  const last = messages.findLast((m) => m.author.id === myId && !m.system && m.deletedAt === null);
  if (!last) return false;
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: last.id }));
  return true;
}

/**
 * For a message row: opens its editor when asked for this message, and when that editor closes
 * (saved or cancelled), gives the focus back to the message box it came from.
 */
export function useEditRequest(messageId: string, editing: boolean, setEditing: (on: boolean) => void) {
  const fromComposer = useRef(false);
  useEffect(() => {
    const onRequest = (e: Event) => {
      if ((e as CustomEvent<string>).detail !== messageId) return;
      fromComposer.current = true;
      setEditing(true);
    };
    window.addEventListener(EVENT, onRequest);
    return () => window.removeEventListener(EVENT, onRequest);
  }, [messageId, setEditing]);
  useEffect(() => {
    if (editing || !fromComposer.current) return;
    fromComposer.current = false;
    document.querySelector<HTMLTextAreaElement>("textarea[data-composer]")?.focus();
  }, [editing]);
}
