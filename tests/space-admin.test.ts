import { saveImage } from "@/server/services/uploads";
import { solidPng } from "./helpers/png";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabase } from "@/server/database";
import { eq } from "drizzle-orm";
import { requireChannelAccess } from "@/server/services/access";
import {
  addChannelMember,
  createCategory,
  createChannel,
  deleteCategory,
  deleteChannel,
  listChannelMembers,
  moveCategory,
  moveChannel,
  removeChannelMember,
  renameCategory,
  updateChannel,
} from "@/server/services/channels";
import { sendMessage } from "@/server/services/messages";
import { unreadBySpace, unreadCounts } from "@/server/services/reads";
import {
  banMember,
  deleteSpace,
  kickMember,
  leaveSpace,
  listBans,
  setMemberRole,
  transferOwnership,
  unbanMember,
  updateSpace,
} from "@/server/services/space-admin";
import {
  acceptInvite,
  createInvite,
  createSpace,
  getInvitePreview,
  getSpaceView,
  listInvites,
  listMySpaces,
  revokeInvite,
} from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

type User = { id: string; name: string };
let n = 0;
async function user(name: string): Promise<User> {
  n += 1;
  const u = await signUp({ email: `${name.toLowerCase()}${n}@example.test`, password: `${name}-pass-${n}-x`, name });
  return { id: u.id, name };
}

describe.each(dialects)("space administration on %s", (dialect) => {
  let drop: () => Promise<void>;
  let owner: User, admin: User, member: User, other: User, stranger: User;
  let spaceId: string, generalId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
  });
  afterAll(async () => drop?.());

  /** A space with an owner, an admin and two members, fresh for each test. */
  beforeEach(async () => {
    [owner, admin, member, other, stranger] = (await Promise.all(["Owner", "Admin", "Member", "Other", "Stranger"].map(user))) as [
      User,
      User,
      User,
      User,
      User,
    ];
    const { space } = await createSpace(owner.id, { name: "Club" });
    spaceId = space.id;
    generalId = space.defaultChannelId!;
    const { code } = await createInvite(owner.id, spaceId);
    for (const u of [admin, member, other]) await acceptInvite(u.id, code);
    await setMemberRole(owner.id, spaceId, admin.id, { role: "admin" });
  });

  const roles = async () => Object.fromEntries((await getSpaceView(owner.id, spaceId)).members.map((m) => [m.name, m.role]));
  const names = async (viewer: User) => (await getSpaceView(viewer.id, spaceId)).channels.map((c) => c.name);

  describe("the space itself", () => {
    it("a non-member sees nothing: neither the view, a channel, the invites nor the bans", async () => {
      await expect(getSpaceView(stranger.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(requireChannelAccess(stranger.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(listInvites(stranger.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(listBans(stranger.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateSpace(stranger.id, spaceId, { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    });

    it("a space can start with an uploaded icon; outside URLs are refused", async () => {
      const { url } = await saveImage(owner.id, solidPng(4, 4));
      const { space } = await createSpace(owner.id, { name: "Iconic", icon: url });
      expect((await getSpaceView(owner.id, space.id)).space.icon).toBe(url);
      // Only one's own uploads: not someone else's picture, not a made-up id.
      await expect(createSpace(member.id, { name: "Borrowed", icon: url })).rejects.toMatchObject({ code: "validation" });
      await expect(
        createSpace(owner.id, { name: "Made up", icon: "/api/files/0190a0a0-0000-7000-8000-000000000000" }),
      ).rejects.toMatchObject({
        code: "validation",
      });
      await expect(createSpace(owner.id, { name: "Bad", icon: "https://evil.example/x.png" })).rejects.toMatchObject({ name: "ZodError" });
    });

    it("admins rename the space and change its icon; members cannot", async () => {
      const { url } = await saveImage(admin.id, solidPng(4, 4));
      await updateSpace(admin.id, spaceId, { name: "New club", icon: url });
      expect((await getSpaceView(member.id, spaceId)).space).toMatchObject({
        name: "New club",
        icon: url,
      });
      await updateSpace(owner.id, spaceId, { icon: null });
      expect((await getSpaceView(member.id, spaceId)).space.icon).toBeNull();
      await expect(updateSpace(member.id, spaceId, { name: "Hacked" })).rejects.toMatchObject({ code: "forbidden" });
    });

    it("only the owner deletes the space, and only after typing its name; everything in it goes", async () => {
      await expect(deleteSpace(admin.id, spaceId, { confirmName: "Club" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteSpace(member.id, spaceId, { confirmName: "Club" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteSpace(owner.id, spaceId, { confirmName: "Clu" })).rejects.toMatchObject({ code: "validation" });
      await sendMessage(
        { id: member.id, name: member.name, image: null },
        { channelId: generalId, clientId: "before-delete-1", body: "hi" },
      );
      await deleteSpace(owner.id, spaceId, { confirmName: "Club" });
      for (const u of [owner, admin, member]) expect((await listMySpaces(u.id)).map((s) => s.id)).not.toContain(spaceId);
      await expect(getSpaceView(owner.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      const { db, t } = await getDatabase();
      expect(await db.select().from(t.messages).where(eq(t.messages.channelId, generalId))).toEqual([]);
      expect(await db.select().from(t.channels).where(eq(t.channels.spaceId, spaceId))).toEqual([]);
    });
  });

  describe("roles", () => {
    it("members and admins leave; the owner must transfer first", async () => {
      await expect(leaveSpace(owner.id, spaceId)).rejects.toMatchObject({ code: "owner_must_transfer" });
      await leaveSpace(member.id, spaceId);
      await leaveSpace(admin.id, spaceId);
      expect(await roles()).toEqual({ Owner: "owner", Other: "member" });
      await expect(requireChannelAccess(member.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
    });

    it("transfer makes the old owner an admin, who may then leave", async () => {
      await expect(transferOwnership(admin.id, spaceId, member.id)).rejects.toMatchObject({ code: "forbidden" });
      await transferOwnership(owner.id, spaceId, member.id);
      expect(await roles()).toMatchObject({ Owner: "admin", Member: "owner" });
      expect((await getSpaceView(member.id, spaceId)).space.ownerId).toBe(member.id);
      await expect(transferOwnership(owner.id, spaceId, other.id)).rejects.toMatchObject({ code: "forbidden" });
      await leaveSpace(owner.id, spaceId);
      await expect(leaveSpace(member.id, spaceId)).rejects.toMatchObject({ code: "owner_must_transfer" });
    });

    it("two transfers racing leave exactly one owner", async () => {
      const results = await Promise.allSettled([
        transferOwnership(owner.id, spaceId, member.id),
        transferOwnership(owner.id, spaceId, other.id),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(Object.values(await roles()).filter((r) => r === "owner")).toHaveLength(1);
    });

    it("only the owner promotes and demotes, and never themselves", async () => {
      await expect(setMemberRole(admin.id, spaceId, member.id, { role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setMemberRole(member.id, spaceId, other.id, { role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setMemberRole(owner.id, spaceId, owner.id, { role: "member" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setMemberRole(owner.id, spaceId, member.id, { role: "owner" as never })).rejects.toMatchObject({ name: "ZodError" });
      await setMemberRole(owner.id, spaceId, member.id, { role: "admin" });
      await setMemberRole(owner.id, spaceId, admin.id, { role: "member" });
      expect(await roles()).toMatchObject({ Admin: "member", Member: "admin" });
    });

    it("admins kick members but not admins or the owner; members kick no one", async () => {
      await setMemberRole(owner.id, spaceId, other.id, { role: "admin" });
      await expect(kickMember(admin.id, spaceId, other.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(kickMember(admin.id, spaceId, owner.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(kickMember(member.id, spaceId, admin.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(kickMember(admin.id, spaceId, stranger.id)).rejects.toMatchObject({ code: "not_found" });
      await kickMember(admin.id, spaceId, member.id);
      await kickMember(owner.id, spaceId, other.id);
      expect(await roles()).toEqual({ Owner: "owner", Admin: "admin" });
    });

    it("a kicked member loses access at once, and may come back with a new invite", async () => {
      await kickMember(admin.id, spaceId, member.id);
      await expect(requireChannelAccess(member.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(getSpaceView(member.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        sendMessage({ id: member.id, name: member.name, image: null }, { channelId: generalId, clientId: "kicked-send-1", body: "x" }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await acceptInvite(member.id, (await createInvite(other.id, spaceId)).code);
      expect(await roles()).toHaveProperty("Member", "member");
    });

    it("only the owner bans; a banned user cannot rejoin, even with a fresh link, until unbanned", async () => {
      await expect(banMember(admin.id, spaceId, member.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(banMember(owner.id, spaceId, owner.id)).rejects.toMatchObject({ code: "forbidden" });
      await banMember(owner.id, spaceId, member.id);
      await expect(requireChannelAccess(member.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
      const fresh = await createInvite(owner.id, spaceId);
      await expect(acceptInvite(member.id, fresh.code)).rejects.toMatchObject({ code: "banned" });
      expect((await listBans(owner.id, spaceId)).bans.map((b) => b.name)).toEqual(["Member"]);
      await expect(listBans(admin.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(unbanMember(admin.id, spaceId, member.id)).rejects.toMatchObject({ code: "forbidden" });
      await unbanMember(owner.id, spaceId, member.id);
      await acceptInvite(member.id, fresh.code);
      expect(await roles()).toHaveProperty("Member", "member");
    });
  });

  describe("invites", () => {
    it("any member makes a link; only admins list and revoke them; a revoked link admits no one", async () => {
      const { code } = await createInvite(member.id, spaceId, { expiresInSeconds: 3600, maxUses: 5 });
      await expect(listInvites(member.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
      const listed = (await listInvites(admin.id, spaceId)).find((i) => i.code === code);
      expect(listed).toMatchObject({ creator: { id: member.id, name: "Member" }, uses: 0, maxUses: 5 });
      expect(Date.parse(listed!.expiresAt!) - Date.now()).toBeGreaterThan(3500_000);
      await expect(revokeInvite(member.id, spaceId, code)).rejects.toMatchObject({ code: "forbidden" });
      await revokeInvite(admin.id, spaceId, code);
      expect((await listInvites(admin.id, spaceId)).map((i) => i.code)).not.toContain(code);
      await expect(getInvitePreview(code)).rejects.toMatchObject({ code: "invite_invalid" });
      await expect(acceptInvite(stranger.id, code)).rejects.toMatchObject({ code: "invite_invalid" });
    });

    it("offers only the listed expiry and use choices", async () => {
      await expect(createInvite(owner.id, spaceId, { expiresInSeconds: 42 })).rejects.toMatchObject({ name: "ZodError" });
      await expect(createInvite(owner.id, spaceId, { maxUses: 3 })).rejects.toMatchObject({ name: "ZodError" });
    });

    it("an expired link admits no one", async () => {
      const { code } = await createInvite(owner.id, spaceId, { expiresInSeconds: 1800 });
      const { db, t } = await getDatabase();
      await db
        .update(t.invites)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(t.invites.code, code));
      await expect(acceptInvite(stranger.id, code)).rejects.toMatchObject({ code: "invite_invalid" });
    });

    it("a used-up link admits no one more, and joining again uses nothing", async () => {
      const { code } = await createInvite(owner.id, spaceId, { maxUses: 1 });
      await acceptInvite(member.id, code); // already a member: no use taken
      await acceptInvite(stranger.id, code);
      const late = await user("Late");
      await expect(acceptInvite(late.id, code)).rejects.toMatchObject({ code: "invite_invalid" });
    });

    it("of many people accepting a one-use link at once, exactly one joins", async () => {
      const { code } = await createInvite(owner.id, spaceId, { maxUses: 1 });
      const racers = await Promise.all(["R1", "R2", "R3", "R4", "R5"].map(user));
      const results = await Promise.allSettled(racers.map((r) => acceptInvite(r.id, code)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "invite_invalid" });
      const joined = (await getSpaceView(owner.id, spaceId)).members.filter((m) => m.name.startsWith("R"));
      expect(joined).toHaveLength(1);
      const { db, t } = await getDatabase();
      const [row] = await db.select({ uses: t.invites.uses }).from(t.invites).where(eq(t.invites.code, code));
      expect(row?.uses).toBe(1);
    });
  });

  describe("channels and categories", () => {
    it("members cannot create, rename, move or delete channels or categories", async () => {
      await expect(createChannel(member.id, spaceId, { name: "x", kind: "text" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateChannel(member.id, generalId, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(moveChannel(member.id, generalId, { direction: "down" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteChannel(member.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createCategory(member.id, spaceId, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
      const { category } = await createCategory(admin.id, spaceId, { name: "Study" });
      await expect(renameCategory(member.id, category.id, { name: "y" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(moveCategory(member.id, category.id, { direction: "up" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteCategory(member.id, category.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteChannel(stranger.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
    });

    it("an admin of one space cannot manage another space's channels", async () => {
      const { space } = await createSpace(stranger.id, { name: "Elsewhere" });
      await expect(deleteChannel(admin.id, space.defaultChannelId!)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createChannel(admin.id, space.id, { name: "x", kind: "text" })).rejects.toMatchObject({ code: "forbidden" });
    });

    it("channel names keep Hangul, capitals and spaces (trimmed, collapsed, NFC); empty, too long or with controls is refused with the reason", async () => {
      await createChannel(admin.id, spaceId, { name: "  Study Notes  ", kind: "text" });
      await createChannel(admin.id, spaceId, { name: "  Study   Room ", kind: "video" });
      const { channel } = await createChannel(admin.id, spaceId, { name: "알고리즘 문제 풀이".normalize("NFD"), kind: "text" });
      expect(await names(member)).toEqual(["general", "Study Notes", "Study Room", "알고리즘 문제 풀이"]);
      await updateChannel(admin.id, channel.id, { name: "#  공부\u200B 방 " });
      expect(await names(member)).toEqual(["general", "Study Notes", "Study Room", "공부 방"]);
      await expect(createChannel(admin.id, spaceId, { name: "\u200B ", kind: "text" })).rejects.toMatchObject({ code: "validation", message: "name: must not be empty" });
      await expect(createChannel(admin.id, spaceId, { name: "x".repeat(33), kind: "text" })).rejects.toMatchObject({ code: "validation", message: "name: must be at most 32 characters" });
      await expect(createChannel(admin.id, spaceId, { name: "gnp\u202Eexe", kind: "text" })).rejects.toMatchObject({ code: "validation", message: "name: must not contain control or text-direction characters" });
      await expect(updateChannel(admin.id, channel.id, { name: "a\u0000b" })).rejects.toMatchObject({ code: "validation" });
    });

    it("channels group under categories (none first) and move within and across them", async () => {
      const { category: a } = await createCategory(admin.id, spaceId, { name: "A" });
      const { category: b } = await createCategory(admin.id, spaceId, { name: "B" });
      const { channel: a1 } = await createChannel(admin.id, spaceId, { name: "a1", kind: "text", categoryId: a.id });
      await createChannel(admin.id, spaceId, { name: "a2", kind: "video", categoryId: a.id });
      const { channel: b1 } = await createChannel(admin.id, spaceId, { name: "b1", kind: "text", categoryId: b.id });
      const layout = async () => {
        const view = await getSpaceView(member.id, spaceId);
        return [null, ...view.categories.map((c) => c.id)].map((id) => [
          view.categories.find((c) => c.id === id)?.name ?? "-",
          ...view.channels.filter((c) => c.categoryId === id).map((c) => c.name),
        ]);
      };
      expect(await layout()).toEqual([
        ["-", "general"],
        ["A", "a1", "a2"],
        ["B", "b1"],
      ]);
      await moveChannel(admin.id, a1.id, { direction: "down" });
      expect(await layout()).toEqual([
        ["-", "general"],
        ["A", "a2", "a1"],
        ["B", "b1"],
      ]);
      await moveChannel(admin.id, a1.id, { direction: "down" }); // crosses into B, at its start
      expect(await layout()).toEqual([
        ["-", "general"],
        ["A", "a2"],
        ["B", "a1", "b1"],
      ]);
      await moveChannel(admin.id, b1.id, { direction: "down" }); // already last: stays
      await moveChannel(admin.id, generalId, { direction: "down" }); // into A, at its start
      expect(await layout()).toEqual([["-"], ["A", "general", "a2"], ["B", "a1", "b1"]]);
      await moveCategory(admin.id, b.id, { direction: "up" });
      expect(await layout()).toEqual([["-"], ["B", "a1", "b1"], ["A", "general", "a2"]]);
      await moveCategory(admin.id, b.id, { direction: "up" }); // already first among categories
      await updateChannel(admin.id, b1.id, { categoryId: null, name: "B One" });
      await renameCategory(admin.id, a.id, { name: "Alpha" });
      expect(await layout()).toEqual([
        ["-", "B One"],
        ["B", "a1"],
        ["Alpha", "general", "a2"],
      ]);
      await deleteCategory(admin.id, b.id); // its channels move to no category, at the end
      expect(await layout()).toEqual([
        ["-", "B One", "a1"],
        ["Alpha", "general", "a2"],
      ]);
      // the space's landing channel follows the order
      expect((await listMySpaces(member.id)).find((s) => s.id === spaceId)?.defaultChannelId).toBe(b1.id);
      await expect(createChannel(admin.id, spaceId, { name: "x", kind: "text", categoryId: b.id })).rejects.toMatchObject({
        code: "validation",
      });
    });

    it("two admins deleting the last two text channels at once leave one standing", async () => {
      const { channel: second } = await createChannel(admin.id, spaceId, { name: "second", kind: "text" });
      const results = await Promise.allSettled([deleteChannel(owner.id, generalId), deleteChannel(admin.id, second.id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "last_text_channel" } });
      expect(await names(owner)).toHaveLength(1);
    });

    it("the last public text channel cannot be deleted; others can, with their messages", async () => {
      await expect(deleteChannel(owner.id, generalId)).rejects.toMatchObject({ code: "last_text_channel" });
      const { channel: video } = await createChannel(admin.id, spaceId, { name: "Room", kind: "video" });
      await expect(deleteChannel(owner.id, generalId)).rejects.toMatchObject({ code: "last_text_channel" });
      const { channel: secret } = await createChannel(admin.id, spaceId, { name: "secret", kind: "text", isPrivate: true });
      await expect(deleteChannel(owner.id, generalId)).rejects.toMatchObject({ code: "last_text_channel" });
      const { channel: second } = await createChannel(admin.id, spaceId, { name: "second", kind: "text" });
      await sendMessage(
        { id: member.id, name: member.name, image: null },
        { channelId: generalId, clientId: "going-away-01", body: "bye" },
      );
      await deleteChannel(admin.id, generalId);
      await deleteChannel(admin.id, video.id);
      await deleteChannel(admin.id, secret.id);
      expect(await names(owner)).toEqual(["second"]);
      await expect(requireChannelAccess(member.id, generalId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteChannel(owner.id, second.id)).rejects.toMatchObject({ code: "last_text_channel" });
      const { db, t } = await getDatabase();
      expect(await db.select().from(t.messages).where(eq(t.messages.channelId, generalId))).toEqual([]);
    });

    it("a private channel is seen and opened by its chosen members and the space's admins only", async () => {
      const { channel } = await createChannel(admin.id, spaceId, { name: "staff", kind: "text", isPrivate: true, memberIds: [member.id] });
      for (const u of [owner, admin, member]) {
        expect(await names(u)).toContain("staff");
        await expect(requireChannelAccess(u.id, channel.id)).resolves.toMatchObject({ name: "staff", isPrivate: true });
      }
      expect(await names(other)).not.toContain("staff");
      await expect(requireChannelAccess(other.id, channel.id)).rejects.toMatchObject({ code: "forbidden" });
      expect((await listChannelMembers(admin.id, channel.id)).userIds.sort()).toEqual([admin.id, member.id].sort());
      await expect(listChannelMembers(member.id, channel.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(addChannelMember(member.id, channel.id, { userId: other.id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(addChannelMember(admin.id, channel.id, { userId: stranger.id })).rejects.toMatchObject({ code: "validation" });

      await addChannelMember(admin.id, channel.id, { userId: other.id });
      expect(await names(other)).toContain("staff");
      await removeChannelMember(admin.id, channel.id, member.id);
      expect(await names(member)).not.toContain("staff");
      await expect(requireChannelAccess(member.id, channel.id)).rejects.toMatchObject({ code: "forbidden" });
      // a demoted admin who was not chosen loses it too
      await removeChannelMember(owner.id, channel.id, admin.id);
      expect(await names(admin)).toContain("staff");
      await setMemberRole(owner.id, spaceId, admin.id, { role: "member" });
      await expect(requireChannelAccess(admin.id, channel.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        createChannel(admin.id, spaceId, { name: "x", kind: "text", isPrivate: true, memberIds: [stranger.id] }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        createChannel(owner.id, spaceId, { name: "x", kind: "text", isPrivate: true, memberIds: [stranger.id] }),
      ).rejects.toMatchObject({ code: "validation" });
    });

    it("unread counts leave out private channels the user cannot see", async () => {
      const { channel } = await createChannel(admin.id, spaceId, { name: "staff", kind: "text", isPrivate: true });
      const author = { id: admin.id, name: admin.name, image: null };
      await sendMessage(author, { channelId: channel.id, clientId: "secret-msg-001", body: "secret" });
      await sendMessage(author, { channelId: generalId, clientId: "public-msg-001", body: "hello" });
      expect(await unreadCounts(member.id, spaceId)).toEqual({ [generalId]: 1 });
      expect((await unreadBySpace(member.id))[spaceId]).toBe(1);
      expect(await unreadCounts(owner.id, spaceId)).toEqual({ [generalId]: 1, [channel.id]: 1 });
      expect((await unreadBySpace(owner.id))[spaceId]).toBe(2);
      expect(await unreadCounts(stranger.id, spaceId)).toEqual({});
    });
  });
});
