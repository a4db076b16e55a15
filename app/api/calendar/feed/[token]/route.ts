import { AppError, httpStatusOf, isExpected, toErrorBody } from "@/lib/errors";
import { stampedClientIp } from "@/server/client-ip";
import { getConfig } from "@/server/config";
import { requestLog } from "@/server/ops/logger";
import { takeFeedToken } from "@/server/rate-limit";
import { renderFeed } from "@/server/services/calendar-feed";

/**
 * The private iCalendar feed: no session (calendar apps have none), the token is the key.
 * Limited per address before any lookup; bad, unknown and revoked tokens all answer 404.
 */
export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    if (!(await takeFeedToken(stampedClientIp(req.headers)))) throw new AppError("rate_limited", "Slow down: too many requests");
    const { token } = await ctx.params;
    const text = await renderFeed(token.replace(/\.ics$/, ""), getConfig().appUrl);
    return new Response(text, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": 'inline; filename="moim.ics"',
        "cache-control": "private, max-age=300",
        "x-robots-tag": "noindex",
      },
    });
  } catch (err) {
    if (!isExpected(err)) requestLog(req.headers).error({ err }, "calendar feed failed");
    const error = toErrorBody(err);
    return Response.json({ ok: false, error }, { status: httpStatusOf(error) });
  }
}
