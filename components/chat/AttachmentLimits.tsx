"use client";
import { createContext, useContext } from "react";
import { LIMITS } from "@/lib/limits";
import type { Attachment } from "@/lib/realtime/contract";

export type AttachmentMaxMb = Record<Attachment["kind"], number>;

/**
 * The per-kind size limits the server enforces (ATTACHMENT_MAX_MB_*, read from its config by the
 * signed-in layout), so the composer can refuse a file at once instead of sending megabytes to
 * be told no. The server still decides: this only spares the wait.
 */
const AttachmentLimitsContext = createContext<AttachmentMaxMb>(LIMITS.attachmentMaxMb);

export function AttachmentLimitsProvider({ maxMb, children }: { maxMb: AttachmentMaxMb; children: React.ReactNode }) {
  return <AttachmentLimitsContext.Provider value={maxMb}>{children}</AttachmentLimitsContext.Provider>;
}

export const useAttachmentLimits = () => useContext(AttachmentLimitsContext);
