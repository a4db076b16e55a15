import "./helpers/attachments-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import type { UserSummary } from "@/lib/realtime/contract";
import { addChannelMember, createChannel, deleteChannel } from "@/server/services/channels";
import { openDm } from "@/server/services/dms";
import { deleteMessage, sendMessage } from "@/server/services/messages";
import { setMemberRole } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { signInSession } from "./helpers/realtime";

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n%${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

type Who = "alice" | "bob" | "carol" | "dave" | "eve";
type Answer = { ok: boolean; error?: { code: string }; [k: string]: unknown };
type MaterialJson = { attachment: { id: string; name: string; kind: string; bytes: number }; channel: { id: string; name: string }; messageId: string; seq: number; uploader: { id: string; name: string }; markedBy: string };

describe.each(dialects)("study materials on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  const users = {} as Record<Who, UserSummary>;
  const cookies = {} as Record<Who, string>;
  let spaceId: string, general: string, staff: string;
  let sent = 0;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    for (const name of ["Alice", "Bob", "Carol", "Dave", "Eve"]) {
      const key = name.toLowerCase() as Who;
      users[key] = await signUp({ email: `${key}-materials@example.test`, password: `${name}-pass-123`, name });
      cookies[key] = (await signInSession(users[key].id, name)).cookie;
    }
    // Alice owns the space, Dave is an admin, Bob and Carol are members; Eve is not in it.
    ({
      space: { id: spaceId },
    } = await createSpace(users.alice.id, { name: "스터디" }));
    for (const who of ["bob", "carol", "dave"] as const) await acceptInvite(users[who].id, (await createInvite(users.alice.id, spaceId)).code);
    await setMemberRole(users.alice.id, spaceId, users.dave.id, { role: "admin" });
    general = (await createChannel(users.alice.id, spaceId, { name: "slides", kind: "text" })).channel.id;
    staff = (await createChannel(users.alice.id, spaceId, { name: "staff", kind: "text", isPrivate: true, memberIds: [] })).channel.id;
    await addChannelMember(users.alice.id, staff, { userId: users.bob.id });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  const call = async (who: Who, method: string, path: string): Promise<{ status: number; json: Answer }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], origin: server.origin, ...(method === "POST" ? { "content-type": "application/json" } : {}) },
      body: method === "POST" ? "{}" : undefined,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  };
  const mark = (who: Who, id: string) => call(who, "POST", `/api/attachments/${id}/material`);
  const unmark = (who: Who, id: string) => call(who, "DELETE", `/api/attachments/${id}/material`);
  const list = async (who: Who, query = "") => {
    const { status, json } = await call(who, "GET", `/api/spaces/${spaceId}/materials${query}`);
    return { status, json, names: ((json.materials ?? []) as MaterialJson[]).map((m) => m.attachment.name), next: json.next as string | null };
  };

  /** A PDF sent in a message by `who`: uploaded over HTTP, then carried by a message. */
  async function sendFile(who: Who, channelId: string, name: string) {
    const res = await fetch(`${server.url}/api/channels/${channelId}/attachments`, {
      method: "POST",
      headers: { cookie: cookies[who], origin: server.origin, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
      body: Buffer.from(pdf(name)),
    });
    const { attachment } = (await res.json()) as { attachment: { id: string } };
    const message = await sendMessage(users[who], { channelId, clientId: `materials-${++sent}`, body: `${name} 올립니다`, attachmentIds: [attachment.id] });
    return { id: attachment.id, message };
  }

  it("lets the uploader pin their file, and lists it with its channel, message, seq and uploader", async () => {
    const file = await sendFile("bob", general, "1주차 슬라이드.pdf");
    const first = await mark("bob", file.id);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      created: true,
      material: {
        attachment: { id: file.id, name: "1주차 슬라이드.pdf", kind: "file" },
        channel: { id: general, name: "slides" },
        messageId: file.message.id,
        seq: file.message.seq,
        uploader: { id: users.bob.id, name: "Bob" },
        markedBy: users.bob.id,
      },
    });
    expect((await mark("bob", file.id)).json).toMatchObject({ ok: true, created: false }); // again: nothing changes
    const seen = await list("carol");
    expect(seen.status).toBe(200);
    expect(seen.names).toEqual(["1주차 슬라이드.pdf"]);
    expect((await call("carol", "GET", `/api/attachments/${file.id}/material`)).json).toMatchObject({ canChange: false, material: { markedBy: users.bob.id } });
    expect((await unmark("bob", file.id)).json).toMatchObject({ ok: true, removed: true });
    expect((await unmark("bob", file.id)).json).toMatchObject({ ok: true, removed: false });
    expect((await list("carol")).names).toEqual([]);
  });

  it("lets owners and admins pin anyone's file, and refuses other members and strangers", async () => {
    const file = await sendFile("bob", general, "기출문제.pdf");
    expect((await mark("carol", file.id)).json).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await mark("carol", file.id)).status).toBe(403);
    expect((await mark("eve", file.id)).json).toMatchObject({ error: { code: "forbidden" } });
    expect((await list("eve")).json).toMatchObject({ error: { code: "forbidden" } });
    expect((await mark("dave", file.id)).json).toMatchObject({ created: true, material: { markedBy: users.dave.id } });
    // The list tells each reader whether they may take it out: as the DELETE below decides.
    const canRemove = async (who: Who) => ((await list(who)).json.materials as Array<MaterialJson & { canRemove: boolean }>).find((m) => m.attachment.id === file.id)?.canRemove;
    expect({ alice: await canRemove("alice"), bob: await canRemove("bob"), carol: await canRemove("carol"), dave: await canRemove("dave") }).toEqual({
      alice: true,
      bob: true,
      carol: false,
      dave: true,
    });
    // Pinned by an admin: another member may not take it out; the uploader and the owner may.
    expect((await unmark("carol", file.id)).json).toMatchObject({ error: { code: "forbidden" } });
    expect((await unmark("alice", file.id)).json).toMatchObject({ removed: true });
    expect((await mark("alice", file.id)).json).toMatchObject({ created: true });
    expect((await unmark("bob", file.id)).json).toMatchObject({ removed: true });
  });

  it("lists the latest pinned first, page by page, each page full and none repeated", async () => {
    const names = ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"];
    for (const name of names) {
      const { id } = await sendFile("carol", general, name);
      expect((await mark("carol", id)).status).toBe(200);
    }
    const pages: string[][] = [];
    let before = "";
    for (;;) {
      const page = await list("bob", `?limit=2${before}`);
      expect(page.status).toBe(200);
      pages.push(page.names);
      if (!page.next) break;
      before = `&before=${page.next}`;
    }
    expect(pages).toEqual([["e.pdf", "d.pdf"], ["c.pdf", "b.pdf"], ["a.pdf"]]);
  });

  it("shows a file of a private channel only to those who may read that channel", async () => {
    const file = await sendFile("bob", staff, "운영진 회의록.pdf");
    expect((await mark("carol", file.id)).json).toMatchObject({ error: { code: "forbidden" } }); // cannot even read it
    expect((await mark("bob", file.id)).json).toMatchObject({ created: true });
    expect((await list("bob")).names[0]).toBe("운영진 회의록.pdf");
    expect((await list("dave")).names[0]).toBe("운영진 회의록.pdf"); // an admin reads every channel
    expect((await list("carol")).names).not.toContain("운영진 회의록.pdf");
    expect((await call("carol", "GET", `/api/attachments/${file.id}/material`)).json).toMatchObject({ error: { code: "forbidden" } });
    // A page for Carol is still full: the hidden file does not take a place in it.
    expect((await list("carol", "?limit=2")).names).toEqual(["e.pdf", "d.pdf"]);
  });

  it("drops a file out when its message is deleted or its channel is", async () => {
    const file = await sendFile("bob", general, "지울 자료.pdf");
    await mark("bob", file.id);
    expect((await list("carol")).names[0]).toBe("지울 자료.pdf");
    await deleteMessage(users.bob, { channelId: general, messageId: file.message.id });
    expect((await list("carol")).names).not.toContain("지울 자료.pdf");
    expect((await mark("bob", file.id)).json).toMatchObject({ error: { code: "not_found" } });

    const temporary = (await createChannel(users.alice.id, spaceId, { name: "temp", kind: "text" })).channel.id;
    const other = await sendFile("bob", temporary, "임시 채널 자료.pdf");
    await mark("bob", other.id);
    expect((await list("carol")).names[0]).toBe("임시 채널 자료.pdf");
    await deleteChannel(users.alice.id, temporary);
    expect((await list("carol")).names).not.toContain("임시 채널 자료.pdf");
  });

  it("refuses files outside a space, unsent files, and ids, cursors and limits that are not ones", async () => {
    const { channelId: dm } = await openDm(users.bob.id, { userId: users.carol.id });
    const inDm = await sendFile("bob", dm, "dm 파일.pdf");
    expect((await mark("bob", inDm.id)).json).toMatchObject({ error: { code: "validation" } });

    const res = await fetch(`${server.url}/api/channels/${general}/attachments`, {
      method: "POST",
      headers: { cookie: cookies.bob, origin: server.origin, "content-type": "application/octet-stream", "x-file-name": "draft.pdf" },
      body: Buffer.from(pdf("draft")),
    });
    const unsent = ((await res.json()) as { attachment: { id: string } }).attachment.id;
    expect((await mark("bob", unsent)).json).toMatchObject({ error: { code: "not_found" } }); // not carried by a message yet

    expect((await mark("bob", "00000000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await mark("bob", "..%2F..%2Fetc")).json).toMatchObject({ error: { code: "validation" } });
    expect((await mark("bob", "x".repeat(65))).status).toBe(400);
    for (const query of ["?before=yesterday", "?limit=0", "?limit=31", "?limit=abc", `?before=1_${"0".repeat(36)}&before=2`, "?page=2"])
      expect((await list("bob", query)).json, query).toMatchObject({ ok: false, error: { code: "validation" } });
    expect((await call("bob", "GET", `/api/spaces/${"0".repeat(36)}/materials`)).json).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses a pin without a JSON body type (a form posted from another site cannot send one)", async () => {
    const file = await sendFile("bob", general, "csrf.pdf");
    const res = await fetch(`${server.url}/api/attachments/${file.id}/material`, {
      method: "POST",
      headers: { cookie: cookies.bob, origin: server.origin, "content-type": "text/plain" },
      body: "{}",
    });
    expect(res.status).toBe(415);
  });
});
