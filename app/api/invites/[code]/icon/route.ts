import { z } from "zod";
import { isExpected } from "@/lib/errors";
import { requestLog } from "@/server/ops/logger";
import { readInviteIcon } from "@/server/services/spaces";

const inviteCode = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The icon of the space behind a usable invite, for anyone holding the link (the invite page
 * shows it to visitors without an account, who cannot read /api/files). Revoked, expired or
 * used-up invites get 404, like unknown ones. Cached briefly: the invite may be revoked.
 */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const code = inviteCode.safeParse((await params).code);
  if (!code.success) return new Response(null, { status: 404 });
  try {
    const { mime, bytes } = await readInviteIcon(code.data);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": mime,
        "cache-control": "private, max-age=300",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'",
      },
    });
  } catch (err) {
    if (!isExpected(err)) requestLog(req.headers).error({ err }, "could not read the icon for an invite");
    return new Response(null, { status: 404 });
  }
}
