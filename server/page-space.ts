import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { SpaceView, UserSummary } from "@/lib/realtime/contract";
import { getConfig } from "./config";
import { listBlockedIds } from "./services/access";
import { readStates } from "./services/reads";
import { getSpaceView, listMySpaces } from "./services/spaces";

/**
 * What every space page (a channel, the materials) reads for the space screen around it: the
 * space as the member sees it (a 404 for anyone else), their spaces, read states and blocks;
 * and, read alongside once the space is known to be theirs, what the page itself shows (`own`).
 */
export async function spacePageData<T>(me: UserSummary, spaceId: string, own: (view: SpaceView) => Promise<T>) {
  const view = await getSpaceView(me.id, spaceId).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "forbidden" || err.code === "not_found")) notFound();
    throw err;
  });
  const [spaces, reads, blockedIds, page] = await Promise.all([listMySpaces(me.id), readStates(me.id, spaceId), listBlockedIds(me.id), own(view)]);
  return { screen: { me, view, spaces, readStates: reads, blockedIds, videoRoomCap: getConfig().videoRoomCap }, page };
}
