import dns from "node:dns";
import dnsPromises from "node:dns/promises";
import { syncBuiltinESMExports } from "node:module";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import type { UserSummary } from "@/lib/realtime/contract";
import { inArray } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { getDatabase } from "@/server/database";
import { DEFAULT_FETCH_POLICY, fetchPreview, PreviewRefused, type FetchPolicy } from "@/server/links/fetch-preview";
import { isPublicAddress, RefusedTarget, resolveTarget } from "@/server/links/ssrf";
import { linksOf } from "@/server/links/links-of";
import { ensurePreview, setFetchPolicy, setPreviewLimiter, urlHash } from "@/server/links/previews";
import { memoryRateLimiter } from "@/server/rate-limit";
import { createChannel } from "@/server/services/channels";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { solidPng } from "./helpers/png";
import { ask, connectAs, inbox, nextEvent, settle, signInSession } from "./helpers/realtime";

const MB = 1024 * 1024;
const PICTURE = solidPng(8, 6);

/**
 * A site for the fetcher to visit, on this machine. `written` counts the bytes each endless
 * answer got out before the fetcher hung up.
 */
function startSite() {
  const written: Record<string, number> = {};
  /** Requests for /late: how many at once at most, and how many in all, by path and query. */
  const late = { now: 0, most: 0, asked: new Map<string, number>() };
  const endless = (res: ServerResponse, name: string, first: string, unit: string) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    written[name] = 0;
    const chunk = Buffer.from(unit.repeat(Math.ceil(65536 / Buffer.byteLength(unit))));
    const pump = () => {
      while (written[name]! < 20 * MB && !res.destroyed) {
        written[name]! += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.write(first);
    pump();
  };
  const html = (res: ServerResponse, body: string, type = "text/html; charset=utf-8") => {
    res.writeHead(200, { "content-type": type });
    res.end(body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://site");
    switch (url.pathname) {
      case "/page":
        return html(
          res,
          `<!doctype html><html><head><meta charset="utf-8"><title>그냥 제목</title>
          <meta property="og:title" content="모임 &amp; 스터디 &lt;공지&gt;">
          <meta name="twitter:title" content="twitter title loses">
          <meta name="description" content="매주 금요일 &quot;알고리즘&quot; 스터디 &#x1F4DA;">
          <meta property="og:site_name" content="Moim Test">
          <meta property="og:image" content="/picture.png"></head><body><h1>ignored</h1></body></html>`,
        );
      case "/plain":
        return html(res, "<html><head><title>Just &eacute; a   title\n</title></head><body>x</body></html>");
      case "/euc-kr":
        // "안녕" in EUC-KR, declared in a <meta>
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(
          Buffer.concat([
            Buffer.from('<html><head><meta charset="euc-kr"><title>'),
            Buffer.from([0xbe, 0xc8, 0xb3, 0xe7]),
            Buffer.from("</title></head></html>"),
          ]),
        );
      case "/picture.png":
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(PICTURE);
      case "/not-a-picture.png":
        res.writeHead(200, { "content-type": "image/png" });
        return res.end("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
      case "/json":
        return html(res, '{"title":"no"}', "application/json");
      case "/nothing":
        return html(res, "<html><head></head><body>no title at all</body></html>");
      case "/redirect":
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/page" });
        return res.end();
      case "/late":
        late.most = Math.max(late.most, ++late.now);
        late.asked.set(url.search, (late.asked.get(url.search) ?? 0) + 1);
        return void setTimeout(
          () => {
            late.now--;
            html(res, "<html><head><title>Late</title></head></html>");
          },
          Number(url.searchParams.get("ms")),
        );
      case "/loop":
        res.writeHead(301, { location: "/loop" });
        return res.end();
      case "/slow":
        // Headers, then nothing: the deadline must end it.
        res.writeHead(200, { "content-type": "text/html" });
        return res.write("<html><head>");
      case "/huge":
        return endless(res, "huge", "<html><head><title>Huge page</title>", "<!-- padding -->");
      case "/huge-title":
        return endless(res, "huge-title", "<html><head><title>", "가나다라 ");
      case "/many-meta": {
        const tags = Array.from({ length: 10_000 }, (_, i) => `<meta name="x${i}" content="${i}">`).join("");
        return html(res, `<html><head>${tags}<meta property="og:title" content="After ten thousand"></head></html>`);
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
  return new Promise<{ port: number; written: typeof written; late: typeof late; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        written,
        late,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "fetched",
    (err: unknown) => (err instanceof PreviewRefused || err instanceof RefusedTarget ? err.reason : `unexpected: ${String(err)}`),
  );

describe("link preview fetcher (SSRF guards, limits, parsing)", () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let base: string;
  /** The test-only allowance: 127.0.0.1 as written in a URL may be fetched; nothing else private. */
  let local: FetchPolicy;
  beforeAll(async () => {
    site = await startSite();
    base = `http://127.0.0.1:${site.port}`;
    local = { ...DEFAULT_FETCH_POLICY, allowHosts: new Set(["127.0.0.1"]) };
  });
  afterAll(() => site?.close());

  it("calls only public unicast addresses public, IPv4 inside IPv6 judged as IPv4", () => {
    const refused = [
      "127.0.0.1",
      "10.0.0.8",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "0.1.2.3",
      "224.0.0.251",
      "255.255.255.255",
      "198.18.0.1",
      "::",
      "::1",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
      "2002:7f00:1::1",
      "2001:0:4136:e378::1",
      "not an address",
    ];
    for (const address of refused) expect([address, isPublicAddress(address)]).toEqual([address, false]);
    for (const address of ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
  });

  it("refuses loopback, private and metadata addresses, other schemes and ports by default, before connecting", async () => {
    const policy = DEFAULT_FETCH_POLICY;
    expect(await refusal(resolveTarget("http://127.0.0.1/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://localhost/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://[::1]/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://[::ffff:7f00:1]/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://0x7f.1/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://169.254.169.254/latest/meta-data/", policy))).toBe("address");
    expect(await refusal(resolveTarget("http://10.1.2.3/", policy))).toBe("address");
    expect(await refusal(resolveTarget("ftp://example.com/", policy))).toBe("scheme");
    expect(await refusal(resolveTarget("file:///etc/passwd", policy))).toBe("scheme");
    expect(await refusal(resolveTarget("http://example.com:8080/", policy))).toBe("port");
    expect(await refusal(resolveTarget("http://user:pw@example.com/", policy))).toBe("credentials");
    expect(await refusal(resolveTarget("http://does-not-exist.invalid/", policy))).toBe("dns");
    // The local test site itself, without the test-only allowance: refused (its port first).
    expect(await refusal(fetchPreview(`${base}/page`))).toBe("port");
    expect(await refusal(fetchPreview(`http://localhost:${site.port}/page`, { ...local, allowHosts: new Set(["example.test"]) }))).toBe(
      "port",
    );
  });

  it("reads OpenGraph over Twitter over <title>, entities decoded, Korean kept, the picture made absolute", async () => {
    expect(await fetchPreview(`${base}/page`, local)).toEqual({
      kind: "page",
      url: `${base}/page`,
      title: "모임 & 스터디 <공지>",
      description: '매주 금요일 "알고리즘" 스터디 📚',
      siteName: "Moim Test",
      image: `${base}/picture.png`,
    });
    expect(await fetchPreview(`${base}/plain`, local)).toMatchObject({
      title: "Just é a title",
      description: null,
      siteName: null,
      image: null,
    });
    expect(await fetchPreview(`${base}/euc-kr`, local)).toMatchObject({ title: "안녕" });
    expect(await fetchPreview(`${base}/picture.png`, local)).toEqual({
      kind: "image",
      url: `${base}/picture.png`,
      image: `${base}/picture.png`,
    });
  });

  it("connects to the address it checked: a DNS answer that changes after the check (rebinding) is never asked for", async () => {
    // The check's lookup says 127.0.0.1 (allowed to this test); any later lookup would say an
    // internal address. A connection that resolved the name again would go there and fail.
    const realCheck = dnsPromises.lookup;
    const realConnect = dns.lookup;
    const later: string[] = [];
    Object.assign(dnsPromises, { lookup: async () => [{ address: "127.0.0.1", family: 4 }] });
    Object.assign(dns, {
      lookup: (host: string, _o: unknown, cb: (e: null, a: string, f: number) => void) => {
        later.push(host);
        (typeof _o === "function" ? (_o as typeof cb) : cb)(null, "10.255.255.1", 4);
      },
    });
    syncBuiltinESMExports();
    try {
      const policy = { ...local, allowHosts: new Set(["rebind.test"]), timeoutMs: 2000 };
      expect(await fetchPreview(`http://rebind.test:${site.port}/page`, policy)).toMatchObject({ title: "모임 & 스터디 <공지>" });
      expect(later).toEqual([]);
    } finally {
      Object.assign(dnsPromises, { lookup: realCheck });
      Object.assign(dns, { lookup: realConnect });
      syncBuiltinESMExports();
    }
  });

  it("refuses what is not HTML or a picture, and error statuses", async () => {
    expect(await refusal(fetchPreview(`${base}/json`, local))).toBe("type");
    expect(await refusal(fetchPreview(`${base}/missing`, local))).toBe("status");
  });

  it("follows up to 3 redirects, and checks every hop: a redirect to a private address is refused", async () => {
    expect(await fetchPreview(`${base}/redirect?to=/page`, local)).toMatchObject({ url: `${base}/page`, title: "모임 & 스터디 <공지>" });
    expect(await refusal(fetchPreview(`${base}/loop`, local))).toBe("redirects");
    // 127.0.0.1 is allowed to this test, "localhost" is not: the hop to it is refused as any private address would be.
    expect(await refusal(fetchPreview(`${base}/redirect?to=${encodeURIComponent(`http://localhost:${site.port}/page`)}`, local))).toBe(
      "port",
    );
    expect(await refusal(fetchPreview(`${base}/redirect?to=${encodeURIComponent("http://localhost/page")}`, local))).toBe("address");
    expect(await refusal(fetchPreview(`${base}/redirect?to=${encodeURIComponent("http://169.254.169.254/")}`, local))).toBe("address");
    expect(await refusal(fetchPreview(`${base}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`, local))).toBe("scheme");
  });

  it("stops reading a page after 512 KB and hangs up: a 20 MB answer is never read whole", async () => {
    const started = Date.now();
    expect(await fetchPreview(`${base}/huge`, local)).toMatchObject({ title: "Huge page" });
    const titled = await fetchPreview(`${base}/huge-title`, local);
    expect(Date.now() - started).toBeLessThan(3000);
    // A title 10 MB long (and more) comes back as its first 200 characters.
    expect(titled.kind === "page" && titled.title).toMatch(/^가나다라 가나다라 .*…$/);
    expect(titled.kind === "page" && [...titled.title!].length).toBe(200);
    await expect.poll(() => site.written.huge).toBeGreaterThan(0);
    // What the kernel buffered on loopback is all the site got out before the fetcher closed.
    expect(site.written.huge).toBeLessThan(6 * MB);
    expect(site.written["huge-title"]).toBeLessThan(6 * MB);
  });

  it("gives up on a slow server at the deadline", async () => {
    const started = Date.now();
    expect(await refusal(fetchPreview(`${base}/slow`, { ...local, timeoutMs: 400 }))).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("reads through 10,000 meta tags to the one that counts", async () => {
    const started = Date.now();
    expect(await fetchPreview(`${base}/many-meta`, local)).toMatchObject({ title: "After ten thousand" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("takes a body's first three web links as the reader sees them linked, not those in code", () => {
    expect(
      linksOf(
        "see https://a.example/x, and `https://code.example/` then [b](https://b.example/#top) https://a.example/x javascript:alert(1) https://c.example https://d.example",
        3,
      ),
    ).toEqual(["https://a.example/x", "https://b.example/", "https://c.example/"]);
  });
});

describe.each(dialects)("link previews on messages on %s (real sockets)", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let site: Awaited<ReturnType<typeof startSite>>;
  let alice: UserSummary, bob: UserSummary, eve: UserSummary;
  const cookies = {} as Record<"alice" | "bob" | "eve", string>;
  let general: string, other: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    site = await startSite();
    setFetchPolicy({ allowHosts: new Set(["127.0.0.1"]) });
    const person = (name: string) => signUp({ email: `${name.toLowerCase()}-previews@example.test`, password: `${name}-pass-123`, name });
    [alice, bob, eve] = (await Promise.all(["Alice", "Bob", "Eve"].map(person))) as [UserSummary, UserSummary, UserSummary];
    const { space } = await createSpace(alice.id, { name: "링크" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    general = (await createChannel(alice.id, space.id, { name: "links", kind: "text" })).channel.id;
    other = (await createChannel(alice.id, space.id, { name: "other", kind: "text" })).channel.id;
    cookies.eve = (await signInSession(eve.id, eve.name)).cookie;
    cookies.alice = (await signInSession(alice.id, alice.name)).cookie;
    cookies.bob = (await signInSession(bob.id, bob.name)).cookie;
  });
  afterAll(async () => {
    setFetchPolicy(undefined);
    await site?.close();
    await server?.close();
    await drop?.();
  });
  afterEach(() => {
    setPreviewLimiter(undefined);
    getConfig().linkPreviews.enabled = true;
  });

  /** The cached outcomes (ok/failed) of these URLs. */
  async function cached(urls: string[]) {
    const { db, t } = await getDatabase();
    const rows = await db
      .select({ status: t.linkPreviews.status })
      .from(t.linkPreviews)
      .where(inArray(t.linkPreviews.urlHash, urls.map(urlHash)));
    return rows.map((r) => r.status);
  }
  async function linkedTo(messageIds: string[]) {
    const { db, t } = await getDatabase();
    return db.select().from(t.messageLinkPreviews).where(inArray(t.messageLinkPreviews.messageId, messageIds));
  }

  async function both() {
    const alices = await connectAs(server, cookies.alice);
    const bobs = await connectAs(server, cookies.bob);
    for (const s of [alices, bobs]) expect(await ask(s, "channel:join", { channelId: general })).toMatchObject({ ok: true });
    return { alices, bobs, close: () => [alices, bobs].forEach((s) => s.close()) };
  }

  it("a message with a link gets its card live for the other member and in history; only the author removes it, for good", async () => {
    const { alices, bobs, close } = await both();
    try {
      const url = `http://127.0.0.1:${site.port}/page`;
      const card = nextEvent(bobs, "message:updated");
      const sent = await ask(alices, "message:send", { channelId: general, clientId: "preview-1", body: `이번 주 공지: ${url}` });
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      expect(sent.message.linkPreviews).toEqual([]);
      const updated = await card;
      expect(updated.id).toBe(sent.message.id);
      const hash = urlHash(url);
      expect(updated.linkPreviews).toEqual([
        {
          urlHash: hash,
          url,
          title: "모임 & 스터디 <공지>",
          description: '매주 금요일 "알고리즘" 스터디 📚',
          siteName: "Moim Test",
          image: `/api/channels/${general}/link-previews/${hash}/image`,
        },
      ]);
      const history = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      expect(history.ok && history.messages.find((m) => m.id === sent.message.id)?.linkPreviews).toEqual(updated.linkPreviews);

      // The picture, passed on by the server to a signed-in reader, checked to be a PNG.
      const picture = await fetch(`${server.url}${updated.linkPreviews[0]!.image}`, { headers: { cookie: cookies.bob } });
      expect(picture.status).toBe(200);
      expect(picture.headers.get("content-type")).toBe("image/png");
      expect(picture.headers.get("x-content-type-options")).toBe("nosniff");
      expect(Buffer.from(await picture.arrayBuffer()).equals(PICTURE)).toBe(true);
      expect((await fetch(`${server.url}${updated.linkPreviews[0]!.image}`)).status).toBe(401);
      // Not to someone outside the channel, nor by a channel where no message shows that card.
      expect((await fetch(`${server.url}${updated.linkPreviews[0]!.image}`, { headers: { cookie: cookies.eve } })).status).toBe(403);
      const elsewhere = `${server.url}/api/channels/${other}/link-previews/${hash}/image`;
      expect((await fetch(elsewhere, { headers: { cookie: cookies.bob } })).status).toBe(404);
      expect(
        (await fetch(`${server.url}/api/channels/${general}/link-previews/${"0".repeat(64)}/image`, { headers: { cookie: cookies.bob } }))
          .status,
      ).toBe(404);

      // Bob may not take Alice's card away; nothing is sent.
      const heard = inbox(alices, "message:updated");
      const refused = await ask(bobs, "linkPreview:remove", { channelId: general, messageId: sent.message.id, urlHash: hash });
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
      await settle(alices);
      expect(heard).toEqual([]);
      expect(
        await ask(alices, "linkPreview:remove", { channelId: general, messageId: sent.message.id, urlHash: "f".repeat(64) }),
      ).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(
        await ask(alices, "linkPreview:remove", { channelId: general, messageId: sent.message.id, urlHash: "not-a-hash" }),
      ).toMatchObject({
        ok: false,
        error: { code: "validation" },
      });

      const gone = nextEvent(bobs, "message:updated");
      const removed = await ask(alices, "linkPreview:remove", { channelId: general, messageId: sent.message.id, urlHash: hash });
      expect(removed).toMatchObject({ ok: true, message: { id: sent.message.id, linkPreviews: [] } });
      expect(await gone).toMatchObject({ id: sent.message.id, linkPreviews: [] });
      // The card is gone, and so is its picture.
      expect((await fetch(`${server.url}${updated.linkPreviews[0]!.image}`, { headers: { cookie: cookies.bob } })).status).toBe(404);
      const reloaded = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      expect(reloaded.ok && reloaded.messages.find((m) => m.id === sent.message.id)?.linkPreviews).toEqual([]);

      // The same link in a new message comes from the cache, and has its own card.
      const again = nextEvent(bobs, "message:updated");
      const second = await ask(alices, "message:send", { channelId: general, clientId: "preview-2", body: url });
      expect((await again).linkPreviews.map((p) => p.urlHash)).toEqual(second.ok ? [hash] : []);
    } finally {
      close();
    }
  });

  it("an edit takes a removed link's card away at once and brings the card of a link it adds", async () => {
    const { alices, bobs, close } = await both();
    try {
      const first = `http://127.0.0.1:${site.port}/page`;
      const second = `http://127.0.0.1:${site.port}/plain`;
      const card = nextEvent(bobs, "message:updated");
      const sent = await ask(alices, "message:send", { channelId: general, clientId: "preview-edit-1", body: `자료: ${first}` });
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      expect((await card).linkPreviews.map((p) => p.url)).toEqual([first]);

      const updates = inbox(bobs, "message:updated");
      const edited = await ask(alices, "message:edit", { channelId: general, messageId: sent.message.id, body: `자료 바뀜: ${second}` });
      // The edit itself already has no card for the link it took out.
      expect(edited).toMatchObject({ ok: true, message: { body: `자료 바뀜: ${second}`, linkPreviews: [] } });
      await expect.poll(() => updates.length, { timeout: 5000 }).toBe(2);
      expect(updates[0]!.linkPreviews).toEqual([]);
      expect(updates[1]!.linkPreviews).toMatchObject([{ url: second, title: "Just é a title" }]);
      const history = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      expect(history.ok && history.messages.find((m) => m.id === sent.message.id)?.linkPreviews.map((p) => p.url)).toEqual([second]);

      // An edit that keeps the link keeps its card, and sends nothing more.
      const kept = await ask(alices, "message:edit", { channelId: general, messageId: sent.message.id, body: `최종: ${second}` });
      expect(kept).toMatchObject({ ok: true, message: { linkPreviews: [{ url: second }] } });
      await settle(alices, bobs);
      expect(updates.length).toBe(3); // the edit's own update, no card update after it
    } finally {
      close();
    }
  });

  it("fetches at most 4 pages at once on a node, and one URL once however many messages link it at the same time", async () => {
    const at = (n: number) => `http://127.0.0.1:${site.port}/late?ms=150&n=${n}`;
    site.late.most = 0;
    const shown = await Promise.all([
      ...Array.from({ length: 10 }, (_, n) => ensurePreview(at(n))),
      ...Array.from({ length: 5 }, () => ensurePreview(at(0))),
    ]);
    expect(shown.every(Boolean)).toBe(true);
    expect(site.late.most).toBe(4);
    expect(site.late.asked.get("?ms=150&n=0")).toBe(1);
    // Cached now: linking it again fetches nothing.
    expect(await ensurePreview(at(3))).toBe(true);
    expect(site.late.asked.get("?ms=150&n=3")).toBe(1);
  });

  it("a client that synced after the message but before its card (a slow page) gets the card in its catch-up's updates", async () => {
    // The catch-up looks 5 s further back than the client's `updatedSince` (clock skew), so only
    // a card that comes more than 5 s after its message needs the card rows' own time.
    setFetchPolicy({ allowHosts: new Set(["127.0.0.1"]), timeoutMs: 9000 });
    const { alices, bobs, close } = await both();
    try {
      const url = `http://127.0.0.1:${site.port}/late?ms=5600`;
      const updates = inbox(alices, "message:updated");
      const sent = await ask(alices, "message:send", { channelId: general, clientId: "preview-late", body: url });
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      await ask(bobs, "channel:leave", { channelId: general });
      await expect.poll(() => updates.length, { timeout: 9000 }).toBe(1);
      expect(updates[0]!.linkPreviews).toMatchObject([{ url, title: "Late" }]);
      // Bob last synced just after the message was stored (he holds it without its card).
      const syncedAt = Date.parse(sent.message.createdAt) + 5000 + 300;
      const back = await ask(bobs, "channel:join", { channelId: general, afterSeq: sent.message.seq, updatedSince: syncedAt });
      if (!back.ok) throw new Error(JSON.stringify(back));
      expect(back.reset).toBe(false);
      expect(back.updates.find((m) => m.id === sent.message.id)?.linkPreviews).toMatchObject([{ url, title: "Late" }]);
    } finally {
      close();
      setFetchPolicy({ allowHosts: new Set(["127.0.0.1"]) });
    }
  }, 15_000);

  it("a picture link's card is the picture; a refused page gets no card and no update", async () => {
    const { alices, bobs, close } = await both();
    try {
      const picture = `http://127.0.0.1:${site.port}/picture.png`;
      const card = nextEvent(bobs, "message:updated");
      await ask(alices, "message:send", { channelId: general, clientId: "preview-picture", body: picture });
      expect((await card).linkPreviews).toMatchObject([
        { url: picture, title: null, siteName: "127.0.0.1", image: `/api/channels/${general}/link-previews/${urlHash(picture)}/image` },
      ]);

      const heard = inbox(bobs, "message:updated");
      // Redirected to a private address, not HTML, no title: nothing to show.
      const urls = [
        `http://127.0.0.1:${site.port}/redirect?to=${encodeURIComponent("http://169.254.169.254/")}`,
        `http://127.0.0.1:${site.port}/json`,
        `http://127.0.0.1:${site.port}/nothing`,
      ];
      const sent = await ask(alices, "message:send", { channelId: general, clientId: "preview-refused", body: urls.join(" ") });
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      // Once the cache holds the three outcomes the hook is done: then nothing may have come.
      await expect.poll(async () => (await cached(urls)).sort(), { timeout: 5000 }).toEqual(["failed", "failed", "failed"]);
      await settle(bobs);
      expect(heard).toEqual([]);
      const history = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      expect(history.ok && history.messages.find((m) => m.id === sent.message.id)?.linkPreviews).toEqual([]);
    } finally {
      close();
    }
  });

  it("fetches nothing with LINK_PREVIEWS=off or past the author's rate, and shows no stored card when off", async () => {
    const { alices, bobs, close } = await both();
    try {
      const heard = inbox(bobs, "message:updated");
      getConfig().linkPreviews.enabled = false;
      const off = await ask(alices, "message:send", {
        channelId: general,
        clientId: "preview-off",
        body: `http://127.0.0.1:${site.port}/plain?off`,
      });
      getConfig().linkPreviews.enabled = true;
      // Stored cards are not shown while previews are off.
      getConfig().linkPreviews.enabled = false;
      const history = await ask(bobs, "message:list", { channelId: general, afterSeq: 0 });
      expect(history.ok && history.messages.length > 0 && history.messages.every((m) => m.linkPreviews.length === 0)).toBe(true);
      getConfig().linkPreviews.enabled = true;

      setPreviewLimiter(memoryRateLimiter(1, 0));
      const first = nextEvent(bobs, "message:updated");
      await ask(alices, "message:send", { channelId: general, clientId: "preview-rate-1", body: `http://127.0.0.1:${site.port}/plain?1` });
      expect((await first).linkPreviews).toMatchObject([{ title: "Just é a title" }]);
      const limited = await ask(alices, "message:send", {
        channelId: general,
        clientId: "preview-rate-2",
        body: `http://127.0.0.1:${site.port}/plain?2`,
      });
      setPreviewLimiter(undefined);
      const later = nextEvent(bobs, "message:updated");
      const third = await ask(alices, "message:send", {
        channelId: general,
        clientId: "preview-rate-3",
        body: `http://127.0.0.1:${site.port}/plain?3`,
      });
      if (!off.ok || !limited.ok || !third.ok) throw new Error("a send failed");
      expect((await later).id).toBe(third.message.id);
      // Neither the message sent while off nor the one past the rate had a link recorded or fetched.
      expect(await linkedTo([off.message.id, limited.message.id])).toEqual([]);
      expect(await cached([`http://127.0.0.1:${site.port}/plain?off`, `http://127.0.0.1:${site.port}/plain?2`])).toEqual([]);
      expect(heard.map((m) => m.id).filter((id) => id === off.message.id || id === limited.message.id)).toEqual([]);
    } finally {
      close();
    }
  });
});
