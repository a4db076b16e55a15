import { uploadRoute } from "@/server/http";
import { receiveAttachment } from "@/server/services/attachments";

/**
 * POST a file's bytes (typed application/octet-stream, its name percent-encoded in
 * `x-file-name`) into a channel; answers `{ ok, attachment }` for a message to carry.
 */
export const POST = uploadRoute<{ params: Promise<{ channelId: string }> }>(
  async (user, req, { params }) => receiveAttachment(user.id, (await params).channelId, req),
  ["application/octet-stream"],
  "Send the file's bytes typed application/octet-stream",
);
