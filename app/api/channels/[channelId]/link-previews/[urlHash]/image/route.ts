import { z } from "zod";
import { AppError, httpStatusOf, isExpected, toErrorBody } from "@/lib/errors";
import { requestSession } from "@/server/http";
import { previewImage } from "@/server/links/previews";
import { requestLog } from "@/server/ops/logger";
import { takeUserEventToken } from "@/server/rate-limit";

/**
 * A link preview's picture for a signed-in reader. The server fetches it (server/links: public
 * addresses only, each redirect checked, size and time limits, the bytes must be a PNG, JPEG,
 * GIF or WebP) and passes it on: the app's CSP keeps img-src to this origin, and the linked
 * site never learns who reads the message. Only for readers of a channel where a message shows
 * that card (so the route tells no one which links were posted elsewhere).
 */
const path = z.object({ channelId: z.uuid(), urlHash: z.string().regex(/^[0-9a-f]{64}$/) });

export async function GET(req: Request, { params }: { params: Promise<{ channelId: string; urlHash: string }> }) {
  try {
    const parsed = path.safeParse(await params);
    if (!parsed.success) throw new AppError("not_found", "No such picture");
    const { channelId, urlHash } = parsed.data;
    const session = await requestSession(req);
    if (!session) throw new AppError("unauthorized", "Sign in first");
    if (!(await takeUserEventToken(session.user.id))) throw new AppError("rate_limited", "Slow down: too many requests");
    const image = await previewImage(session.user.id, channelId, urlHash);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "content-type": image.mime,
        "content-length": String(image.bytes.length),
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cross-origin-resource-policy": "same-origin",
      },
    });
  } catch (err) {
    if (!isExpected(err)) requestLog(req.headers).error({ err }, "could not pass on a link preview picture");
    const error = toErrorBody(err);
    return Response.json({ ok: false, error }, { status: httpStatusOf(error), headers: { "x-content-type-options": "nosniff" } });
  }
}
