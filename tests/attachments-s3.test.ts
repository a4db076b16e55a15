import { S3_TEST_BUCKET, S3_TEST_PORT } from "./helpers/s3-env";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import type { UserSummary } from "@/lib/realtime/contract";
import { getConfig } from "@/server/config";
import { deleteMessage, sendMessage } from "@/server/services/messages";
import { createChannel } from "@/server/services/channels";
import { sweepAttachments } from "@/server/services/attachments";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { startApiServer } from "./helpers/api-server";
import { freshDatabase } from "./helpers/database";
import { signedInPeople } from "./helpers/realtime";

/**
 * Chat files with S3_BUCKET set: the same routes and rules, the bytes in a bucket of a real
 * S3-compatible server (s3rver, from npm) reached by the AWS SDK — and nothing under DATA_DIR.
 */
describe("chat files in an S3-compatible bucket", () => {
  const bucketDir = mkdtempSync(path.join(tmpdir(), "moim-s3-bucket-"));
  const s3 = new S3rver({ port: S3_TEST_PORT, address: "127.0.0.1", silent: true, directory: bucketDir, configureBuckets: [{ name: S3_TEST_BUCKET, configs: [] }] });
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${S3_TEST_PORT}`,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const objects = async () =>
    ((await client.send(new ListObjectsV2Command({ Bucket: S3_TEST_BUCKET }))).Contents ?? []).map((o) => o.Key!);
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let alice: UserSummary, bob: UserSummary;
  let cookies: Record<"Alice" | "Bob" | "Eve", string>;
  let channel: string;

  beforeAll(async () => {
    await s3.run();
    ({ drop } = await freshDatabase("sqlite"));
    server = await startApiServer();
    let users: Record<"Alice" | "Bob" | "Eve", UserSummary>;
    ({ users, cookies } = await signedInPeople(["Alice", "Bob", "Eve"] as const, "s3"));
    ({ Alice: alice, Bob: bob } = users);
    const { space } = await createSpace(alice.id, { name: "버킷" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    channel = (await createChannel(alice.id, space.id, { name: "files", kind: "text" })).channel.id;
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
    client.destroy();
    await s3.close();
    await rm(bucketDir, { recursive: true, force: true });
  });

  const upload = (bytes: Uint8Array, name: string) =>
    fetch(`${server.url}/api/channels/${channel}/attachments`, {
      method: "POST",
      headers: { cookie: cookies.Alice, origin: server.origin, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
      body: Buffer.from(bytes),
    }).then(async (res) => ({ status: res.status, json: (await res.json()) as { attachment: { id: string; width: number | null } } }));
  const fetchFile = (who: keyof typeof cookies, id: string, query = "", headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/attachments/${id}${query}`, { headers: { cookie: cookies[who], ...headers } });

  it("stores a photo's copies and a file in the bucket, serves them with the same rules, and removes them with the message", async () => {
    expect(getConfig().s3).toMatchObject({ bucket: S3_TEST_BUCKET, forcePathStyle: true, prefix: "moim/" });
    const jpeg = new Uint8Array(await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#3366cc" } }).jpeg().toBuffer());
    const photo = await upload(jpeg, "하늘.jpg");
    expect(photo.status).toBe(200);
    expect(photo.json.attachment.width).toBe(2000);
    const id = photo.json.attachment.id;
    expect((await objects()).sort()).toEqual([`moim/files/${id}`, `moim/files/${id}.display`, `moim/files/${id}.thumb`]);

    const doc = await upload(new TextEncoder().encode("%PDF-1.7\n%slides\ntrailer << >>\n%%EOF\n"), "3주차.pdf");
    const message = await sendMessage(alice, { channelId: channel, clientId: "s3-files-1", body: "자료", attachmentIds: [id, doc.json.attachment.id] });

    const thumb = await fetchFile("Bob", id, "?variant=thumb");
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(480);
    const part = await fetchFile("Bob", doc.json.attachment.id, "", { range: "bytes=0-7" });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe("%PDF-1.7");
    expect((await fetchFile("Eve", id)).status).toBe(403); // not in the space
    const local = path.join(getConfig().dataDir, "files");
    expect(existsSync(local) ? readdirSync(local) : []).toEqual([]);

    await deleteMessage(alice, { channelId: channel, messageId: message.id });
    await sweepAttachments(new Date());
    expect(await objects()).toEqual([]);
  });

  it("keeps profile pictures in the same bucket, under uploads/", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: "#ff9900" } }).png().toBuffer();
    const res = await fetch(`${server.url}/api/uploads`, {
      method: "POST",
      headers: { cookie: cookies.Alice, origin: server.origin, "content-type": "image/png" },
      body: png,
    });
    expect(res.status).toBe(200);
    const { id, url } = (await res.json()) as { id: string; url: string };
    expect(await objects()).toEqual([`moim/uploads/${id}`]);
    const back = await fetch(`${server.url}${url}`, { headers: { cookie: cookies.Bob } });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
  });
});
