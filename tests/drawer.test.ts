import "./helpers/attachments-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import type { DrawerItem } from "@/lib/api/schemas";
import type { UserSummary } from "@/lib/realtime/contract";
import { createChannel } from "@/server/services/channels";
import { listDrawer } from "@/server/services/drawer";
import { blockUser, unblockUser } from "@/server/services/friends";
import { createGroup, leaveGroup } from "@/server/services/groups";
import { deleteMessage, sendMessage } from "@/server/services/messages";
import { kickMember } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { solidPng } from "./helpers/png";
import { signInSession } from "./helpers/realtime";

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n%${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
/** An MP4's first box (ftyp, brand isom) and then `size` bytes in all. */
function mp4(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 0x20, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2avc1mp41")]);
  return bytes;
}

type Who = "alice" | "bob" | "carol" | "eve";

describe.each(dialects)("the drawer on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  const users = {} as Record<Who, UserSummary>;
  const cookies = {} as Record<Who, string>;
  let spaceId: string;
  let n = 0;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    for (const name of ["alice", "bob", "carol", "eve"] as const) {
      users[name] = await signUp({ email: `${name}-drawer@example.test`, password: `${name}-pass-123`, name });
      cookies[name] = (await signInSession(users[name].id, name)).cookie;
    }
    ({
      space: { id: spaceId },
    } = await createSpace(users.alice.id, { name: "서랍" }));
    for (const who of ["bob", "carol"] as const) await acceptInvite(users[who].id, (await createInvite(users.alice.id, spaceId)).code);
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  const newChannel = async () => (await createChannel(users.alice.id, spaceId, { name: `drawer-${n++}`, kind: "text" })).channel.id;

  async function upload(who: Who, channelId: string, bytes: Uint8Array, name: string): Promise<string> {
    const res = await fetch(`${server.url}/api/channels/${channelId}/attachments`, {
      method: "POST",
      headers: { cookie: cookies[who], origin: server.origin, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
      body: Buffer.from(bytes),
    });
    const json = (await res.json()) as { attachment: { id: string } };
    expect(res.status).toBe(200);
    return json.attachment.id;
  }
  /** Sends a message carrying these files; answers its id and seq. */
  async function send(who: Who, channelId: string, body: string, attachmentIds: string[] = []) {
    return sendMessage(users[who], { channelId, clientId: `drawer-${n++}`, body, attachmentIds });
  }
  const drawer = (who: Who, channelId: string, query: string) =>
    fetch(`${server.url}/api/channels/${channelId}/drawer?${query}`, { headers: { cookie: cookies[who] } });
  async function page(who: Who, channelId: string, query: string) {
    const res = await drawer(who, channelId, query);
    expect(res.status).toBe(200);
    return (await res.json()) as { ok: true; items: DrawerItem[]; nextBefore: number | null };
  }
  const names = (items: DrawerItem[]) => items.map((i) => (i.type === "attachment" ? i.attachment.name : i.url));

  it("lists photos and videos, files and links in their own tabs, newest first, each with the message it came from", async () => {
    const channelId = await newChannel();
    const photo = await upload("alice", channelId, solidPng(64, 48), "바다.png");
    const first = await send("alice", channelId, "사진 https://example.com/photos", [photo]);
    const video = await upload("bob", channelId, mp4(4096), "연습.mp4");
    const slides = await upload("bob", channelId, pdf("slides"), "발표 자료.pdf");
    const second = await send("bob", channelId, "영상과 자료, 링크는 https://www.moim.test/week/3 와 `https://in-code.test` 그리고 https://example.com/photos", [
      video,
      slides,
    ]);
    await send("carol", channelId, "그냥 말");

    const media = await page("carol", channelId, "tab=media");
    expect(names(media.items)).toEqual(["연습.mp4", "바다.png"]);
    expect(media.items[0]).toMatchObject({
      type: "attachment",
      messageId: second.id,
      seq: second.seq,
      authorId: users.bob.id,
      createdAt: second.createdAt,
      attachment: { id: video, kind: "video", mime: "video/mp4" },
    });
    expect(media.items[1]).toMatchObject({ messageId: first.id, seq: first.seq, attachment: { id: photo, kind: "image", width: 64, height: 48 } });
    expect(media.nextBefore).toBeNull();

    const files = await page("carol", channelId, "tab=files");
    expect(files.items).toEqual([
      { type: "attachment", messageId: second.id, seq: second.seq, authorId: users.bob.id, createdAt: second.createdAt, attachment: expect.objectContaining({ id: slides, kind: "file", name: "발표 자료.pdf", mime: "application/pdf" }) },
    ]);

    const links = await page("carol", channelId, "tab=links");
    // Each URL once a page, at its newest; not the one in code, which is text.
    expect(links.items.map((i) => [i.type === "link" && i.host, names([i])[0], i.seq])).toEqual([
      ["moim.test", "https://www.moim.test/week/3", second.seq],
      ["example.com", "https://example.com/photos", second.seq],
    ]);
    expect(links.items[0]).toMatchObject({ messageId: second.id, authorId: users.bob.id, createdAt: second.createdAt });
  });

  it("pages below a seq without splitting a message's files, and says when the last page is reached", async () => {
    const channelId = await newChannel();
    const sent = [];
    for (let i = 0; i < 4; i++) {
      const ids = [];
      for (let k = 0; k < 2; k++) ids.push(await upload("alice", channelId, pdf(`${i}-${k}`), `file-${i}-${k}.pdf`));
      sent.push(await send("alice", channelId, `batch ${i} https://example.com/${i}`, ids));
    }
    const seen: string[] = [];
    const cursors: Array<number | null> = [];
    let before = "";
    for (;;) {
      // A limit of 3 would end in the middle of a message's two files: the page takes both.
      const p = await page("alice", channelId, `tab=files&limit=3${before}`);
      seen.push(...names(p.items));
      cursors.push(p.nextBefore);
      if (p.nextBefore === null) break;
      before = `&before=${p.nextBefore}`;
    }
    expect(seen).toEqual([3, 2, 1, 0].flatMap((i) => [`file-${i}-0.pdf`, `file-${i}-1.pdf`]));
    // Two pages of four: the second knows it reached the end (no empty third page).
    expect(cursors).toEqual([sent[2]!.seq, null]);

    const links: string[] = [];
    before = "";
    for (let rounds = 0; rounds < 5; rounds++) {
      const p = await page("alice", channelId, `tab=links&limit=3${before}`);
      links.push(...names(p.items));
      if (p.nextBefore === null) break;
      before = `&before=${p.nextBefore}`;
    }
    expect(links).toEqual([3, 2, 1, 0].map((i) => `https://example.com/${i}`));
    expect((await page("alice", channelId, `tab=links&before=${sent[0]!.seq}`)).items).toEqual([]);
  });

  it("drops a deleted message's files and links at once, and leaves out people the reader blocked", async () => {
    const channelId = await newChannel();
    const kept = await send("alice", channelId, "kept https://kept.test", [await upload("alice", channelId, pdf("kept"), "kept.pdf")]);
    const doomed = await send("bob", channelId, "doomed https://doomed.test", [
      await upload("bob", channelId, pdf("doomed"), "doomed.pdf"),
      await upload("bob", channelId, solidPng(8, 8), "doomed.png"),
    ]);
    expect(names((await page("carol", channelId, "tab=files")).items)).toEqual(["doomed.pdf", "kept.pdf"]);

    await blockUser(users.carol.id, { userId: users.bob.id });
    expect(names((await page("carol", channelId, "tab=files")).items)).toEqual(["kept.pdf"]);
    expect(names((await page("carol", channelId, "tab=links")).items)).toEqual(["https://kept.test/"]);
    expect(names((await page("alice", channelId, "tab=links")).items)).toEqual(["https://doomed.test/", "https://kept.test/"]);
    await unblockUser(users.carol.id, { userId: users.bob.id });

    await deleteMessage(users.bob, { channelId, messageId: doomed.id });
    for (const who of ["alice", "carol"] as const) {
      expect(names((await page(who, channelId, "tab=files")).items)).toEqual(["kept.pdf"]);
      expect((await page(who, channelId, "tab=media")).items).toEqual([]);
      expect(names((await page(who, channelId, "tab=links")).items)).toEqual(["https://kept.test/"]);
    }
    expect((await listDrawer(users.alice.id, channelId, { tab: "files" })).items[0]).toMatchObject({ messageId: kept.id });
  });

  it("refuses a stranger, a private channel's non-member, someone who left the chat and someone kicked from the space", async () => {
    const channelId = await newChannel();
    await send("alice", channelId, "https://example.com/secret", [await upload("alice", channelId, pdf("secret"), "secret.pdf")]);
    const refused = async (who: Who, id: string) => {
      const res = await drawer(who, id, "tab=files");
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    };
    await refused("eve", channelId);
    await expect(listDrawer(users.eve.id, channelId, { tab: "links" })).rejects.toMatchObject({ code: "forbidden" });

    const staff = (await createChannel(users.alice.id, spaceId, { name: `staff-${n++}`, kind: "text", isPrivate: true, memberIds: [] })).channel.id;
    await send("alice", staff, "https://example.com/staff-only");
    await refused("bob", staff);

    const { channelId: group } = await createGroup(users.alice, { memberIds: [users.bob.id, users.carol.id] });
    await send("bob", group, "group https://example.com/group");
    expect(names((await page("carol", group, "tab=links")).items)).toEqual(["https://example.com/group"]);
    await leaveGroup(users.carol, group);
    await refused("carol", group);

    expect((await page("bob", channelId, "tab=files")).items).toHaveLength(1);
    await kickMember(users.alice.id, spaceId, users.bob.id);
    await refused("bob", channelId);
    await acceptInvite(users.bob.id, (await createInvite(users.alice.id, spaceId)).code);
  });

  it("refuses bad parameters with a validation error before reading anything", async () => {
    const channelId = await newChannel();
    for (const query of [
      "",
      "tab=photos",
      "tab=media&before=-1",
      "tab=media&before=1e3",
      "tab=media&before=1234567890123456",
      "tab=media&limit=0",
      "tab=media&limit=31",
      "tab=media&limit=abc",
      "tab=media&tab=files",
      "tab=media&after=3",
    ]) {
      const res = await drawer("alice", channelId, query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation");
    }
    expect((await drawer("eve", channelId, "tab=media&limit=5")).status).toBe(403);
    expect((await drawer("alice", channelId, "tab=media&limit=30&before=999")).status).toBe(200);
  });
});
