"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorCode } from "@/lib/error-codes";
import { LIMITS } from "@/lib/limits";
import type { Attachment } from "@/lib/realtime/contract";
import { useAttachmentLimits, type AttachmentMaxMb } from "./AttachmentLimits";

/** One file on its way to the server, as the composer shows it. */
export interface Upload {
  localId: string;
  name: string;
  bytes: number;
  /** 0…1 of the bytes sent. */
  progress: number;
  state: "uploading" | "done" | "failed";
  attachment?: Attachment;
  error?: ErrorCode;
  /** Refused here before a byte was sent: over this limit (MiB) for this kind; a retry cannot help. */
  tooLarge?: { kind: Attachment["kind"]; maxMb: number };
}

const MIB = 1024 * 1024;
/** The types the server's sniffing (server/files/sniff.ts) takes as photos and as playable videos. */
const PHOTO_TYPES = new Set<string>(LIMITS.uploadImageTypes);
const VIDEO_TYPES = new Set<string>(LIMITS.attachmentVideoTypes);

/**
 * Whether a file is surely over the server's limit, judged by the type the browser gives it. The
 * server decides by the bytes, so a type that says little (none, or octet-stream) is held only
 * to the largest limit: a video without a type must not be refused as a 25 MB "file".
 */
export function overLimit(file: Pick<File, "size" | "type">, maxMb: AttachmentMaxMb): Upload["tooLarge"] | null {
  const type = file.type.toLowerCase();
  const vague = type === "" || type === "application/octet-stream";
  const kind: Attachment["kind"] = PHOTO_TYPES.has(type) ? "image" : VIDEO_TYPES.has(type) ? "video" : "file";
  const limit = vague ? Math.max(maxMb.image, maxMb.video, maxMb.file) : maxMb[kind];
  return file.size > limit * MIB ? { kind, maxMb: limit } : null;
}

/**
 * The files picked, pasted or dropped into one composer: each uploads at once into the channel
 * (app/api/channels/[channelId]/attachments) with its progress, can be cancelled or removed, and
 * retried if it failed. The message that carries them waits until every one is stored.
 */
export function useAttachmentUploads(channelId: string) {
  const maxMb = useAttachmentLimits();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const files = useRef(new Map<string, File>());
  const requests = useRef(new Map<string, XMLHttpRequest>());

  const update = (localId: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.localId === localId ? { ...u, ...change } : u)));

  const start = useCallback(
    (localId: string, file: File) => {
      const xhr = new XMLHttpRequest();
      requests.current.set(localId, xhr);
      xhr.open("POST", `/api/channels/${channelId}/attachments`);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
      xhr.responseType = "json";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(localId, { progress: e.loaded / e.total });
      };
      xhr.onload = () => {
        requests.current.delete(localId);
        const answer = xhr.response as { ok?: boolean; attachment?: Attachment; error?: { code: ErrorCode } } | null;
        if (answer?.ok && answer.attachment) update(localId, { state: "done", progress: 1, attachment: answer.attachment });
        else update(localId, { state: "failed", error: answer?.error?.code ?? "internal" });
      };
      xhr.onerror = () => {
        requests.current.delete(localId);
        update(localId, { state: "failed", error: "unavailable" });
      };
      xhr.send(file);
    },
    [channelId],
  );

  const add = useCallback(
    (picked: FileList | File[]) => {
      const room = LIMITS.attachmentsPerMessage - files.current.size;
      const list = [...picked].slice(0, Math.max(0, room));
      const added: Upload[] = list.map((file) => {
        const localId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        files.current.set(localId, file);
        const tooLarge = overLimit(file, maxMb);
        const upload: Upload = { localId, name: file.name || "file", bytes: file.size, progress: 0, state: "uploading" };
        return tooLarge ? { ...upload, state: "failed", error: "attachment_too_large", tooLarge } : upload;
      });
      setUploads((current) => [...current, ...added]);
      for (const u of added) if (u.state === "uploading") start(u.localId, files.current.get(u.localId)!);
      return picked.length - list.length; // how many did not fit
    },
    [start, maxMb],
  );

  /** Cancels an upload in flight, or takes a stored or failed one off the message. */
  const remove = useCallback((localId: string) => {
    requests.current.get(localId)?.abort();
    requests.current.delete(localId);
    files.current.delete(localId);
    setUploads((list) => list.filter((u) => u.localId !== localId));
  }, []);

  const retry = useCallback(
    (localId: string) => {
      const file = files.current.get(localId);
      if (!file) return;
      update(localId, { state: "uploading", progress: 0, error: undefined });
      start(localId, file);
    },
    [start],
  );

  /** The message went out: the next one starts empty. */
  const clear = useCallback(() => {
    for (const xhr of requests.current.values()) xhr.abort();
    requests.current.clear();
    files.current.clear();
    setUploads([]);
  }, []);

  // Another channel: what was picked here does not follow.
  useEffect(() => clear, [channelId, clear]);

  const ready = uploads.length > 0 && uploads.every((u) => u.state === "done");
  const busy = uploads.some((u) => u.state !== "done");
  return { uploads, add, remove, retry, clear, ready, busy };
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;
