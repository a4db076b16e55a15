import "./helpers/attachments-env";
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import sharp from "sharp";
import type { UserSummary } from "@/lib/realtime/contract";
import { eq } from "drizzle-orm";
import { LIMITS } from "@/lib/limits";
import { getConfig } from "@/server/config";
import { getDatabase } from "@/server/database";
import { deleteMessage, sendMessage } from "@/server/services/messages";
import { memoryRateLimiter } from "@/server/rate-limit";
import { createChannel } from "@/server/services/channels";
import { setAttachmentLimiter, sweepAttachments } from "@/server/services/attachments";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { pngDeclaring } from "./helpers/png";
import { ask, connectAs, inbox, settle, signedInPeople } from "./helpers/realtime";


const filesDir = () => path.join(getConfig().dataDir, "files");
const stored = () => (existsSync(filesDir()) ? readdirSync(filesDir()) : []);
const MB = 1024 * 1024;

/** An MP4's first box (ftyp, brand isom) and then `size` bytes in all. */
function mp4(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 0x20, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2avc1mp41")]);
  return bytes;
}
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n%${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

/** A phone photo: a JPEG turned by EXIF (orientation 6: shown rotated a quarter) with GPS in it. */
async function phonePhoto(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "Moim", Model: "Test Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer(),
  );
}

describe.each(dialects)("chat files (attachments) on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let alice: UserSummary, bob: UserSummary, eve: UserSummary;
  const cookies = {} as Record<"alice" | "bob" | "eve", string>;
  let general: string, staff: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    const people = await signedInPeople(["Alice", "Bob", "Eve"] as const, "files");
    ({ Alice: alice, Bob: bob, Eve: eve } = people.users);
    Object.assign(cookies, { alice: people.cookies.Alice, bob: people.cookies.Bob, eve: people.cookies.Eve });
    const { space } = await createSpace(alice.id, { name: "자료실" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    general = (await createChannel(alice.id, space.id, { name: "files", kind: "text" })).channel.id;
    staff = (await createChannel(alice.id, space.id, { name: "staff", kind: "text", isPrivate: true, memberIds: [] })).channel.id;
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });
  afterEach(() => setAttachmentLimiter(undefined));

  /** An upload as the browser sends it: the bytes typed application/octet-stream, the name percent-encoded. */
  async function upload(who: keyof typeof cookies, channelId: string, bytes: Uint8Array, name: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/api/channels/${channelId}/attachments`, {
      method: "POST",
      headers: {
        cookie: cookies[who],
        origin: server.origin,
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent(name),
        ...headers,
      },
      body: Buffer.from(bytes),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; attachment?: Record<string, unknown> & { id: string }; error?: { code: string; message: string } } };
  }
  const fetchFile = (who: keyof typeof cookies, id: string, query = "", headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/attachments/${id}${query}`, { headers: { cookie: cookies[who], ...headers } });

  it("takes a phone photo: re-encoded upright without EXIF or GPS, with its dimensions, a display copy and a thumbnail", async () => {
    const { status, json } = await upload("alice", general, await phonePhoto(), "바다 사진.jpg");
    expect(status).toBe(200);
    expect(json.attachment).toMatchObject({ kind: "image", name: "바다 사진.jpg", mime: "image/jpeg", width: 1200, height: 2400 });
    for (const [query, format, fits] of [
      ["", "jpeg", 2400],
      ["?variant=display", "webp", 1600],
      ["?variant=thumb", "webp", 480],
    ] as const) {
      const res = await fetchFile("alice", json.attachment!.id, query);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height).toBeLessThanOrEqual(fits);
      expect(meta.height! > meta.width!).toBe(true); // upright: portrait, as the phone showed it
    }
  });

  it("takes a video and a PDF by their content; the PDF downloads, the video streams by byte range", async () => {
    const video = await upload("alice", general, mp4(300_000), "발표 연습.mp4");
    expect(video.json.attachment).toMatchObject({ kind: "video", mime: "video/mp4", bytes: 300_000, name: "발표 연습.mp4" });
    const part = await fetchFile("alice", video.json.attachment!.id, "", { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/300000");
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetchFile("alice", video.json.attachment!.id, "", { range: "bytes=400000-" })).status).toBe(416);

    // Named .txt by the client: the content says PDF, and the name gets its extension.
    const doc = await upload("alice", general, pdf("slides"), "week 3 slides.txt");
    expect(doc.json.attachment).toMatchObject({ kind: "file", mime: "application/pdf" });
    expect(doc.json.attachment!.name).toMatch(/\.pdf$/);
    const res = await fetchFile("alice", doc.json.attachment!.id);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("refuses what it does not take, and keeps nothing of it", async () => {
    const before = stored().length;
    const exe = new Uint8Array(5000);
    exe.set(Buffer.from("MZ"));
    expect(await upload("alice", general, exe, "setup.exe")).toMatchObject({ status: 415, json: { error: { code: "attachment_type" } } });
    // A file over its kind's limit, found by content part way through the stream.
    expect(await upload("alice", general, pdf("x".repeat(1.5 * MB)), "big.pdf")).toMatchObject({ status: 413, json: { error: { code: "attachment_too_large" } } });
    expect(await upload("alice", general, mp4(2.5 * MB), "long.mp4")).toMatchObject({ status: 413, json: { error: { message: "Videos take at most 2 MB" } } });
    // An image declaring 50,000 × 50,000 pixels: refused from its header, never decoded.
    expect(await upload("alice", general, pngDeclaring(50_000, 50_000), "bomb.png")).toMatchObject({ status: 413, json: { error: { code: "upload_dimensions" } } });
    expect(await upload("alice", general, new Uint8Array(0), "empty.txt")).toMatchObject({ status: 400 });
    // Declared larger than any file may be: refused from the header, before the body is read.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/channels/${general}/attachments`, {
        method: "POST",
        headers: { cookie: cookies.alice, origin: server.origin, "content-type": "application/octet-stream", "content-length": String(50 * MB) },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write(Buffer.alloc(1024)); // the rest never comes
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: { code: "attachment_too_large", message: "Nothing larger than 3 MB can be sent" } });
    // A name too long to be one is refused before anything else is looked at.
    expect(await upload("alice", general, pdf("long name"), "가".repeat(400))).toMatchObject({ status: 400, json: { error: { code: "validation" } } });
    expect(stored().length).toBe(before);
  });

  it("refuses another site's form, a channel the uploader cannot read, and anyone but the uploader before it is sent", async () => {
    const { json } = await upload("alice", general, pdf("draft"), "draft.pdf");
    // A form post (text/plain) or another origin never reaches the handler.
    expect((await upload("alice", general, pdf("csrf"), "x.pdf", { "content-type": "text/plain" })).status).toBe(415);
    expect((await upload("alice", general, pdf("csrf"), "x.pdf", { origin: "https://evil.example" })).status).toBe(403);
    // Eve is not in the space; Bob is, but not in the private channel.
    expect((await upload("eve", general, pdf("eve"), "eve.pdf")).json.error?.code).toBe("forbidden");
    expect((await upload("bob", staff, pdf("bob"), "bob.pdf")).json.error?.code).toBe("forbidden");
    // Not sent yet: only Alice sees her own file.
    expect((await fetchFile("alice", json.attachment!.id)).status).toBe(200);
    expect((await fetchFile("bob", json.attachment!.id)).status).toBe(404);
    expect((await fetch(`${server.url}/api/attachments/${json.attachment!.id}`)).status).toBe(401);
    expect((await fetchFile("alice", "not-a-uuid")).status).toBe(404);
  });

  it("rate-limits uploads per user and keeps to the storage quota", async () => {
    setAttachmentLimiter(memoryRateLimiter(2, 0));
    expect((await upload("bob", general, pdf("1"), "1.pdf")).status).toBe(200);
    expect((await upload("bob", general, pdf("2"), "2.pdf")).status).toBe(200);
    expect((await upload("bob", general, pdf("3"), "3.pdf")).json.error?.code).toBe("rate_limited");
    setAttachmentLimiter(undefined);
    // 6 MB quota: two 1.9 MB videos fit, a declared third does not.
    expect((await upload("bob", general, mp4(1.9 * MB), "a.mp4")).status).toBe(200);
    expect((await upload("bob", general, mp4(1.9 * MB), "b.mp4")).status).toBe(200);
    expect((await upload("bob", general, mp4(1.9 * MB), "c.mp4")).status).toBe(200);
    expect((await upload("bob", general, mp4(1.9 * MB), "d.mp4")).json.error?.code).toBe("upload_quota");
  });

  it("sends photos and a file with one message: live and in history for readers, fetchable by them only, once however often it is retried, gone when deleted", async () => {
    const alices = await connectAs(server, cookies.alice);
    const bobs = await connectAs(server, cookies.bob);
    try {
      for (const s of [alices, bobs]) expect(await ask(s, "channel:join", { channelId: general })).toMatchObject({ ok: true });
      const live = inbox(bobs, "message:new");
      const photo = (await upload("alice", general, await phonePhoto(), "1.jpg")).json.attachment!;
      const doc = (await upload("alice", general, pdf("notes"), "노트.pdf")).json.attachment!;
      // Sent before Alice sends it: Bob cannot see it yet.
      expect((await fetchFile("bob", photo.id)).status).toBe(404);
      const send = { channelId: general, clientId: "files-send-1", body: "", attachmentIds: [doc.id, photo.id] };
      const sent = await ask(alices, "message:send", send);
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      expect(sent.message.body).toBe("");
      expect(sent.message.attachments.map((a) => [a.id, a.kind, a.name])).toEqual([
        [doc.id, "file", "노트.pdf"],
        [photo.id, "image", "1.jpg"],
      ]);
      expect(sent.message.attachments[1]).toMatchObject({ width: 1200, height: 2400 });
      // The same send again (a retry after a lost ack): the original, nothing attached twice.
      const again = await ask(alices, "message:send", send);
      expect(again).toMatchObject({ ok: true, message: { id: sent.message.id } });
      if (again.ok) expect(again.message.attachments.map((a) => a.id)).toEqual([doc.id, photo.id]);
      await settle(bobs);
      expect(live.map((m) => m.id)).toEqual([sent.message.id]);
      expect(live[0]!.attachments).toEqual(sent.message.attachments);
      const page = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      if (!page.ok) throw new Error(JSON.stringify(page));
      expect(page.messages.find((m) => m.id === sent.message.id)?.attachments).toEqual(sent.message.attachments);
      // Now Bob, who reads the channel, may fetch them; Eve, who does not, is refused by URL.
      expect((await fetchFile("bob", photo.id, "?variant=thumb")).status).toBe(200);
      expect((await fetchFile("eve", photo.id)).status).toBe(403);
      // A file already sent, or one of another channel or another person, cannot ride along again.
      const bobsOwn = (await upload("bob", general, pdf("bob"), "bob.pdf")).json.attachment!;
      for (const attachmentIds of [[photo.id], [bobsOwn.id], [doc.id, doc.id]]) {
        expect(await ask(alices, "message:send", { channelId: general, clientId: `reuse-${attachmentIds.join()}`, body: "again", attachmentIds })).toMatchObject({
          ok: false,
          error: { code: "validation" },
        });
      }
      expect(await ask(alices, "message:send", { channelId: general, clientId: "empty-send", body: "  " })).toMatchObject({ ok: false, error: { code: "validation" } });
      // Deleted: the files leave the message and every URL at once.
      const deleted = await ask(alices, "message:delete", { channelId: general, messageId: sent.message.id });
      expect(deleted).toMatchObject({ ok: true, message: { attachments: [] } });
      expect((await fetchFile("bob", photo.id)).status).toBe(404);
      expect((await fetchFile("alice", doc.id)).status).toBe(404);
    } finally {
      alices.close();
      bobs.close();
    }
  });

  it("sweeps what nobody can see: unsent after the grace period, deleted messages' files; relinks a file whose message was stored", async () => {
    const { db, t } = await getDatabase();
    const a = t.attachments;
    const unsent = (await upload("alice", general, pdf("never sent"), "unsent.pdf")).json.attachment!;
    const kept = (await upload("alice", general, await phonePhoto(), "kept.jpg")).json.attachment!;
    const sent = await sendMessage(alice, { channelId: general, clientId: "sweep-send-1", body: "kept", attachmentIds: [kept.id] });
    const doomed = (await upload("alice", general, pdf("deleted"), "deleted.pdf")).json.attachment!;
    const gone = await sendMessage(alice, { channelId: general, clientId: "sweep-send-2", body: "", attachmentIds: [doomed.id] });
    await deleteMessage(alice, { channelId: general, messageId: gone.id });
    // A crash between storing the message and linking its file.
    await db.update(a).set({ messageId: null, seq: null }).where(eq(a.id, kept.id));

    const early = await sweepAttachments(new Date());
    expect(early).toMatchObject({ linked: 0 });
    expect(stored()).not.toContain(doomed.id);
    expect(stored()).toContain(unsent.id); // still within its grace period

    const later = await sweepAttachments(new Date(Date.now() + LIMITS.uploadGraceMs + 60_000));
    expect(later.linked).toBe(1);
    expect(stored()).not.toContain(unsent.id);
    expect(stored().filter((f) => f.startsWith(kept.id)).sort()).toEqual([kept.id, `${kept.id}.display`, `${kept.id}.thumb`]);
    const [row] = await db.select({ messageId: a.messageId, seq: a.seq }).from(a).where(eq(a.id, kept.id));
    expect(row).toEqual({ messageId: sent.id, seq: sent.seq });
    expect((await fetchFile("bob", kept.id)).status).toBe(200);
  });

  it("names files safely: no paths, no direction overrides, Korean kept", async () => {
    const tricky = await upload("alice", general, pdf("rtl"), "../../etc/\u202Egpj.exe.pdf");
    expect(tricky.json.attachment!.name).not.toMatch(/[/\\\u202E]/);
    const res = await fetchFile("alice", tricky.json.attachment!.id);
    expect(res.headers.get("content-disposition")).not.toMatch(/[\u0080-\uFFFF]/); // the header itself is ASCII
  });
});
