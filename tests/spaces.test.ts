import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvite, createInvite, createSpace, getInvitePreview, getSpaceView, listMySpaces } from "@/server/services/spaces";
import { requireChannelAccess } from "@/server/services/access";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

describe.each(dialects)("spaces and invites on %s", (dialect) => {
  let drop: () => Promise<void>;
  let owner: { id: string };
  let guest: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    owner = await signUp({ email: "owner@example.test", password: "owner-pass-1", name: "Owner" });
    guest = await signUp({ email: "guest@example.test", password: "guest-pass-1", name: "Guest" });
    stranger = await signUp({ email: "stranger@example.test", password: "stranger-pass-1", name: "Stranger" });
  });
  afterAll(async () => drop?.());

  it("a new space has its owner and a #general text channel", async () => {
    const { space } = await createSpace(owner.id, { name: "  알고리즘 스터디 " });
    const view = await getSpaceView(owner.id, space.id);
    expect(view.space.name).toBe("알고리즘 스터디");
    expect(view.myRole).toBe("owner");
    expect(view.channels).toEqual([
      { id: space.defaultChannelId, spaceId: space.id, name: "general", kind: "text", lastSeq: 0, categoryId: null, isPrivate: false },
    ]);
    expect(view.members.map((m) => [m.name, m.role])).toEqual([["Owner", "owner"]]);
  });

  it("names the first channel in the creator's language: 일반 for Korean, general for English", async () => {
    const ko = await createSpace(owner.id, { name: "스터디" }, "ko");
    const en = await createSpace(owner.id, { name: "Study" }, "en");
    expect((await getSpaceView(owner.id, ko.space.id)).channels.map((c) => c.name)).toEqual(["일반"]);
    expect((await getSpaceView(owner.id, en.space.id)).channels.map((c) => c.name)).toEqual(["general"]);
  });

  it("refuses an empty or overlong name", async () => {
    await expect(createSpace(owner.id, { name: "   " })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createSpace(owner.id, { name: "x".repeat(49) })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("an invite link lets a second user join once; both are then members", async () => {
    const { space } = await createSpace(owner.id, { name: "Club" });
    const { code } = await createInvite(owner.id, space.id);
    expect(await getInvitePreview(code)).toEqual({ code, space: { id: space.id, name: "Club", icon: null }, memberCount: 1 });

    const joined = await acceptInvite(guest.id, code);
    expect(joined.space).toEqual(space);
    await acceptInvite(guest.id, code); // again: no second membership, no error
    const view = await getSpaceView(guest.id, space.id);
    expect(view.members.map((m) => [m.name, m.role])).toEqual([
      ["Owner", "owner"],
      ["Guest", "member"],
    ]);
    expect((await listMySpaces(guest.id)).map((s) => s.id)).toContain(space.id);
    expect(await requireChannelAccess(guest.id, space.defaultChannelId!)).toMatchObject({ name: "general" });
  });

  it("a non-member can neither see the space, its channels, nor make invites", async () => {
    const { space } = await createSpace(owner.id, { name: "Private" });
    await expect(getSpaceView(stranger.id, space.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requireChannelAccess(stranger.id, space.defaultChannelId!)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInvite(stranger.id, space.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listMySpaces(stranger.id)).map((s) => s.id)).not.toContain(space.id);
  });

  it("an unknown invite code is a clear error", async () => {
    await expect(getInvitePreview("nope")).rejects.toMatchObject({ code: "invite_invalid" });
    await expect(acceptInvite(guest.id, "nope")).rejects.toMatchObject({ code: "invite_invalid" });
  });
});
