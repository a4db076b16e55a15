import { Readable } from "node:stream";
import { z } from "zod";
import { AppError, httpStatusOf, isExpected, toErrorBody } from "@/lib/errors";
import { requestSession } from "@/server/http";
import { contentDisposition } from "@/server/files/names";
import { requestLog } from "@/server/ops/logger";
import { openAttachment } from "@/server/services/attachments";

const query = z.object({
  variant: z.enum(["original", "display", "thumb"]).default("original"),
  /** 1: save it (Content-Disposition: attachment) even if it could show in place. */
  download: z.enum(["0", "1"]).default("0"),
});

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a file of `size` bytes; one range only (else the whole file). */
function rangeOf(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const m = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const start = m[1] === "" ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

/**
 * A chat file, for people who may read its channel (cookie or bearer token). Served with its
 * stored type and never as a page of this origin: nosniff, a CSP that runs nothing, a sandbox,
 * and `attachment` for everything that is not a photo or video of the allowed types.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = z.uuid().safeParse((await params).id);
    const url = new URL(req.url);
    const options = query.safeParse(Object.fromEntries(url.searchParams));
    if (!id.success || !options.success) throw new AppError("not_found", "No such file");
    const session = await requestSession(req);
    if (!session) throw new AppError("unauthorized", "Sign in first");
    const file = await openAttachment(session.user.id, id.data, options.data.variant);
    const range = rangeOf(req.headers.get("range"), file.size);
    const headers: Record<string, string> = {
      // Text files are stored only when they are UTF-8 (server/files/sniff.ts).
      "content-type": file.mime.startsWith("text/") ? `${file.mime}; charset=utf-8` : file.mime,
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      "accept-ranges": "bytes",
      "content-disposition": contentDisposition(file.attachment.name, file.inline && options.data.download === "0"),
    };
    if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${file.size}` } });
    const stream = await file.open(range ?? undefined);
    const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    if (range) {
      return new Response(body, {
        status: 206,
        headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${file.size}`, "content-length": String(range.end - range.start + 1) },
      });
    }
    return new Response(body, { headers: { ...headers, "content-length": String(file.size) } });
  } catch (err) {
    if (!isExpected(err)) requestLog(req.headers).error({ err }, "could not read a chat file");
    const error = toErrorBody(err);
    return Response.json({ ok: false, error }, { status: httpStatusOf(error), headers: { "x-content-type-options": "nosniff" } });
  }
}
