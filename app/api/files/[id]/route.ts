import { z } from "zod";
import { isExpected } from "@/lib/errors";
import { requestLog } from "@/server/ops/logger";
import { requestSession } from "@/server/http";
import { readImage } from "@/server/services/uploads";

/** Uploaded images, for signed-in users (cookie or bearer token); ids are unguessable and files never change. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success || !(await requestSession(req))) return new Response(null, { status: 404 });
  try {
    const { mime, bytes } = await readImage(id.data);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": mime,
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'",
      },
    });
  } catch (err) {
    if (!isExpected(err)) requestLog(req.headers).error({ err, fileId: id.data }, "could not read a file");
    return new Response(null, { status: 404 });
  }
}
