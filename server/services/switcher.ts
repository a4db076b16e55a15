import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDatabase } from "../database";
import type { SwitcherSpaces } from "@/lib/switcher";
import { mayAccess } from "./access";
import { listMySpaces } from "./spaces";

/** Every space of the user with the channels they may open in it, in display order (one query for the channels). */
export async function listSwitcherTargets(userId: string): Promise<SwitcherSpaces> {
  const { db, t } = await getDatabase();
  const [spaces, channels] = await Promise.all([
    listMySpaces(userId),
    db
      .select({
        id: t.channels.id,
        spaceId: t.channels.spaceId,
        name: t.channels.name,
        kind: t.channels.kind,
        isPrivate: t.channels.isPrivate,
        spaceRole: t.spaceMembers.role,
        channelMember: t.channelMembers.userId,
      })
      .from(t.channels)
      .innerJoin(t.spaceMembers, and(eq(t.spaceMembers.spaceId, t.channels.spaceId), eq(t.spaceMembers.userId, userId)))
      .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
      .where(isNotNull(t.channels.spaceId))
      .orderBy(asc(t.channels.position), asc(t.channels.id)),
  ]);
  return {
    spaces: spaces.map((s) => ({
      ...s,
      channels: channels
        .filter((c) => c.spaceId === s.id && (c.kind === "text" || c.kind === "video") && mayAccess(c))
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind as "text" | "video" })),
    })),
  };
}
