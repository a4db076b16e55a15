"use client";
import { useEffect, useState } from "react";
import { postJson, sendJson } from "@/lib/api-client";
import type { Material } from "@/lib/api/schemas";
import type { ErrorCode } from "@/lib/error-codes";
import type { Attachment } from "@/lib/realtime/contract";
import { useSpaceMaterials } from "./SpaceMaterialsContext";

export interface MaterialToggle {
  attachment: Attachment;
  marked: boolean;
  /** What happened, for the menu to say: the new state, or why not. */
  toggle(): Promise<{ ok: true; now: "marked" | "unmarked" } | { ok: false; code: ErrorCode }>;
}

/**
 * For a message's action menu: each of its files the viewer may pin or unpin (its uploader, or
 * the space's owner or admins: the server says, per file), asked when the menu opens. Outside a
 * space, or for a message without files, none.
 */
export function useMaterialToggles(attachments: Attachment[], open: boolean): MaterialToggle[] {
  const space = useSpaceMaterials();
  const [states, setStates] = useState<Record<string, { marked: boolean; canChange: boolean }>>({});
  const ids = attachments.map((a) => a.id).join(",");
  useEffect(() => {
    if (!space || !open || ids === "") return;
    let live = true;
    for (const id of ids.split(",")) {
      void sendJson<{ material: Material | null; canChange: boolean }>("GET", `/api/attachments/${id}/material`).then((res) => {
        if (live && res.ok) setStates((s) => ({ ...s, [id]: { marked: res.material !== null, canChange: res.canChange } }));
      });
    }
    return () => {
      live = false;
    };
  }, [space, open, ids]);
  if (!space) return [];
  return attachments
    .filter((a) => states[a.id]?.canChange)
    .map((attachment) => {
      const marked = states[attachment.id]!.marked;
      return {
        attachment,
        marked,
        async toggle() {
          const url = `/api/attachments/${attachment.id}/material`;
          const res = marked ? await sendJson("DELETE", url) : await postJson(url);
          if (!res.ok) return { ok: false, code: res.error.code };
          setStates((s) => ({ ...s, [attachment.id]: { marked: !marked, canChange: true } }));
          return { ok: true, now: marked ? "unmarked" : "marked" };
        },
      };
    });
}
