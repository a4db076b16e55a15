import type { Page, Request } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { newChat, say } from "./chats.pages";
import { channelReady, copyInviteLink, createSpace, expect, makeUser, sendMessage, signUp, spaceWith, test, type TestUser } from "./fixtures";
import { channelLink, createChannel } from "./spaces.pages";

// Forged requests, framing, the CSP and the callbackUrl, tried from a real second origin: a
// page on another port of the same host. It is same-site with the app, so the victim's
// SameSite=Lax session cookie rides along on its POSTs, as it would from any sibling site.

/** The attacker's site: serves whatever page the test hands it, on a random port. */
async function attackerSite(): Promise<{ origin: string; port: number; serve: (html: string) => void; close: () => Promise<void> }> {
  let page = "<!doctype html><title>nothing yet</title>";
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve)); // every loopback address
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    port,
    serve: (html) => void (page = html),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function userId(page: Page): Promise<string> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: { id: string } };
  return session.user.id;
}

async function getJson(page: Page, url: string): Promise<{ status: number; body: unknown }> {
  const res = await page.request.get(url);
  return { status: res.status(), body: await res.json() };
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;");

/**
 * A text/plain form whose body is the JSON `body`: the field name carries the JSON up to an
 * extra string member, the value closes it (`name=value` → `{"name":"x","pad":"="}`).
 */
function textForm(i: number, url: string, body: object): string {
  const json = JSON.stringify({ ...body, pad: "" });
  return `<iframe name="f${i}"></iframe><form method="POST" enctype="text/plain" target="f${i}" action='${attr(url)}'><input name='${attr(json.slice(0, -2))}' value='"}'></form>`;
}

test("a page on another port of the same host cannot act for a signed-in user: forms and no-cors fetches to every kind of state change are refused and nothing changes", async ({
  alice,
  bob,
  baseURL,
}) => {
  const app = new URL(baseURL!).origin;
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  // Alice owns a space Bob is in, and a group chat with him; Bob owns a space of his own.
  const spaceUrl = await spaceWith(alice, [bob], "Victim space");
  const spaceId = new URL(spaceUrl).pathname.split("/")[2]!;
  await createSpace(bob, "Attacker space");
  const bobInvite = (await copyInviteLink(bob)).split("/").at(-1)!;
  const [aliceId, bobId] = [await userId(alice), await userId(bob)];
  const group = await alice.request.post("/api/conversations", { data: { name: "Victim group", memberIds: [bobId] } });
  const groupId = ((await group.json()) as { channelId: string }).channelId;

  // What Alice can see of her own state, through her own session: before and after.
  const snapshot = async () => ({
    spaces: await getJson(alice, "/api/spaces"),
    friends: await getJson(alice, "/api/friends"),
    conversations: await getJson(alice, "/api/conversations"),
    profile: await getJson(alice, `/api/users/${aliceId}/profile`),
    invites: await getJson(alice, `/api/spaces/${spaceId}/invites`),
    bans: await getJson(alice, `/api/spaces/${spaceId}/bans`), // owner only: still hers
    bobsBans: (await bob.request.get(`/api/spaces/${spaceId}/bans`)).status(), // not Bob's
    bobsFriends: await getJson(bob, "/api/friends"),
    channels: await (async () => {
      await alice.goto(spaceUrl);
      await channelReady(alice);
      return alice.locator("aside").first().getByTestId("channel-name").allTextContents();
    })(),
  });
  const before = await snapshot();
  expect(before.bans.status).toBe(200);
  expect(before.bobsBans).toBe(403);

  const attacks: [string, object][] = [
    [`/api/spaces/${spaceId}/members/${bobId}/transfer`, {}], // hand the space to the attacker
    ["/api/spaces", { name: "Pwned" }],
    ["/api/friends/requests", { userId: bobId }],
    [`/api/conversations/${groupId}/leave`, {}],
    [`/api/conversations/${groupId}/mute`, { muted: true }],
    ["/api/conversations/dm", { userId: bobId }],
    [`/api/invites/${bobInvite}`, {}], // join the attacker's space
    [`/api/spaces/${spaceId}/invites`, {}],
    [`/api/spaces/${spaceId}/channels`, { name: "pwned", kind: "text" }],
    [`/api/spaces/${spaceId}/categories`, { name: "Pwned" }],
    ["/api/blocks", { userId: bobId }],
  ];
  const site = await attackerSite();
  const forms = attacks.map(([url, body], i) => textForm(i, app + url, body));
  // The same posts as other encodings a form can send, and from an opaque (null) origin.
  forms.push(
    `<iframe name="u"></iframe><form method="POST" target="u" action="${app}/api/spaces"><input name="name" value="Pwned"></form>`,
    `<iframe name="m"></iframe><form method="POST" enctype="multipart/form-data" target="m" action="${app}/api/spaces/${spaceId}/leave"><input name="x" value="1"></form>`,
    // From a document with an opaque origin (Origin: null): a data: URL in a frame.
    `<iframe src="data:text/html;base64,${Buffer.from(`${textForm(99, `${app}/api/spaces`, { name: "Pwned from null" })}<script>document.forms[0].submit()</script>`).toString("base64")}"></iframe>`,
  );
  const posts = attacks.length * 2 + 3;
  site.serve(`<!doctype html><title>cute cats</title>${forms.join("\n")}
<script>
  for (const form of document.forms) form.submit();
  const fetches = ${JSON.stringify(attacks.map(([url, body]) => [app + url, JSON.stringify(body)]))}.map(([url, body]) =>
    fetch(url, { method: "POST", mode: "no-cors", credentials: "include", body }));
  // A PATCH (the profile) needs a CORS preflight, which the app never grants.
  fetches.push(fetch("${app}/api/profile", { method: "PATCH", credentials: "include", headers: { "content-type": "application/json" }, body: '{"name":"Pwned"}' }));
  Promise.allSettled(fetches).then((r) => { window.settled = r.map((x) => x.status); });
</script>`);

  // Every POST that reaches the app, with its answer's status. The browser then refuses to show
  // the answers (frames: X-Frame-Options; no-cors: opaque), so most also end as "failed".
  const answers: string[] = [];
  const settled = (req: Request) => {
    if (req.method() !== "POST" || !req.url().startsWith(`${app}/api/`)) return;
    const path = new URL(req.url()).pathname;
    void req.response().then((res) => answers.push(`${path} ${res ? res.status() : req.failure()?.errorText}`));
  };
  alice.on("requestfinished", settled);
  alice.on("requestfailed", settled);
  await alice.goto(site.origin);
  const expected = [...attacks.map(([url]) => url), ...attacks.map(([url]) => url), "/api/spaces", `/api/spaces/${spaceId}/leave`, "/api/spaces"]
    .map((url) => `${url} 403`)
    .sort();
  expect(expected).toHaveLength(posts);
  await expect.poll(() => [...answers].sort(), { message: "every forged POST is answered 403" }).toEqual(expected);
  await expect.poll(() => alice.evaluate(() => (window as unknown as { settled?: string[] }).settled)).toHaveLength(attacks.length + 1);
  await site.close();

  expect(await snapshot()).toEqual(before);
});

test("the signed-in app refuses to be framed by another origin", async ({ alice }) => {
  await signUp(alice, makeUser("Alice"));
  const site = await attackerSite();
  const app = new URL(alice.url()).origin;
  site.serve(`<!doctype html><iframe id="app" src="${app}/spaces" onload="document.title = 'loaded'"></iframe>`);
  const framed = alice.waitForResponse(`${app}/spaces`);
  await alice.goto(site.origin);
  expect((await framed).headers()["x-frame-options"]).toBe("DENY");
  await expect(alice).toHaveTitle("loaded");
  // Chromium shows its own error page in place of a refused frame.
  const frame = alice.frames().find((f) => f !== alice.mainFrame())!;
  expect(frame.url()).not.toContain(app);
  await expect(alice.frameLocator("#app").getByTestId("me-name")).toHaveCount(0);
  await site.close();
});

test("every page, route and file answers with the security headers", async ({ alice, baseURL }) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  const html = await alice.request.get("/spaces");
  const api = await alice.request.get("/api/spaces");
  const refused = await alice.request.post("/api/spaces", { headers: { origin: "http://localhost:1", "sec-fetch-site": "same-site" }, data: { name: "x" } });
  const asset = await alice.request.get("/icon.svg");
  for (const res of [html, api, refused, asset]) {
    const h = res.headers();
    expect(h["x-frame-options"], res.url()).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toBe("camera=(self), microphone=(self), display-capture=(self)");
    expect(h["strict-transport-security"]).toBeUndefined(); // APP_URL is http here (tests/security-headers.test.ts covers https)
    const csp = h["content-security-policy"]!;
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "default-src 'self'"])
      expect(csp).toContain(directive);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'(;|$)/);
  }
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ ok: false, error: { code: "forbidden", message: "Cross-site request refused" } });
  // The nonce is new on every response, and it is the one on the page's scripts.
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1]!;
  const again = await alice.request.get("/spaces");
  expect(nonceOf(again.headers()["content-security-policy"]!)).not.toBe(nonceOf(html.headers()["content-security-policy"]!));
  const body = await html.text();
  const scripts = body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(html.headers()["content-security-policy"]!)}"`);
  expect(new URL(baseURL!).protocol).toBe("http:");
});

/** Collects CSP violations and "Refused to…" console errors on every page of a context. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on("console", (m) => {
    // Chromium's own report ("… violates the following Content Security Policy directive …",
    // "Refused to …"), and the event the init script turns into a console line.
    if (/CSP violation|Content Security Policy|Refused to/.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  return seen;
}

test("the CSP refuses nothing the app itself does, on every main screen", async ({ alice, bob, carol }) => {
  test.slow(); // three users through every screen, on two cores
  const [seenA, seenB, seenC] = [await watchCsp(alice), await watchCsp(bob), await watchCsp(carol)];
  const [a, b, c]: [TestUser, TestUser, TestUser] = [makeUser("Alice"), makeUser("Bob"), makeUser("Carol")];

  // The watcher sees a violation when there is one: an injected inline event handler (what
  // an XSS would use) is refused.
  await alice.goto("/signin");
  await alice.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-picture" onerror="window.injected = true">`);
  });
  await expect.poll(() => seenA.length).toBeGreaterThan(0);
  expect(seenA.join("\n")).toContain("script-src");
  expect(await alice.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  seenA.length = 0;

  await alice.goto("/signup");
  await expect(alice.getByLabel("Display name")).toBeVisible();
  await signUp(alice, a); // the sign-up screen, then the spaces list
  await signUp(bob, b);
  await signUp(carol, c);
  await spaceWith(alice, [bob, carol], "CSP space"); // invite pages, a text channel
  await sendMessage(alice, "Hello from a locked-down page");
  await expect(bob.getByTestId("message-body").filter({ hasText: "Hello from a locked-down page" })).toBeVisible();

  await createChannel(alice, { name: "Lounge", kind: "Video" });
  await channelLink(alice, "Lounge").click();
  await expect(alice.getByTestId("prejoin")).toBeVisible(); // camera preview and all

  await newChat(alice, [b.name]); // the chat list, then a dm
  await say(alice, "A dm");
  await newChat(alice, [b.name, c.name], "CSP group");
  await say(alice, "A group");

  await alice.goto("/friends");
  await alice.getByTestId("my-profile").getByRole("button", { name: "Edit profile" }).click();
  await expect(alice.getByTestId("edit-profile")).toBeVisible(); // the profile dialog
  await alice.keyboard.press("Escape");

  await bob.goto("/chats");
  await expect(bob.getByTestId("conversation-row")).toHaveCount(2);
  expect([...seenA, ...seenB, ...seenC]).toEqual([]);
});

test("a real sign-in with a hostile callbackUrl lands on the app's own origin", async ({ alice, baseURL }) => {
  const app = new URL(baseURL!).origin;
  const user = makeUser("Alice");
  await signUp(alice, user);
  const site = await attackerSite();
  site.serve("<!doctype html><title>attacker</title>");
  const elsewhere = `127.0.0.1:${site.port}`;
  for (const hostile of [`/\t/${elsewhere}/x`, `/\r/${elsewhere}/x`, `/\n/${elsewhere}/x`, `/\t\\${elsewhere}/x`, `//${elsewhere}/x`, `/\\${elsewhere}/x`, `http://${elsewhere}/x`]) {
    await alice.goto("about:blank"); // leave the app before its cookie goes
    await alice.context().clearCookies();
    await alice.goto(`/signin?callbackUrl=${encodeURIComponent(hostile)}`);
    await alice.getByLabel("Email").fill(user.email);
    await alice.getByLabel("Password").fill(user.password);
    await alice.getByRole("button", { name: /^Sign in$/ }).click();
    await expect(alice, JSON.stringify(hostile)).toHaveURL(`${app}/spaces`);
  }
  // A good one is kept, query and all.
  await alice.goto("about:blank");
  await alice.context().clearCookies();
  await alice.goto(`/signin?callbackUrl=${encodeURIComponent("/friends?tab=1")}`);
  await alice.getByLabel("Email").fill(user.email);
  await alice.getByLabel("Password").fill(user.password);
  await alice.getByRole("button", { name: /^Sign in$/ }).click();
  await expect(alice).toHaveURL(`${app}/friends?tab=1`);
  await site.close();
});

test("signed-out page requests redirect to sign-in with the way back, the server logs nothing, and its start-up line names the bound address and APP_URL", async () => {
  // A server of this test's own, so everything it writes can be read.
  const child = spawn(process.execPath, ["--require", "./server/preload.cjs", "--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      APP_URL: "https://moim.example",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "moim-signed-out-")),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const answers: string[] = [];
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const id = "0196f2a4-0c26-76ab-9b4f-ac43e0ff79c8";
  const pages = ["/spaces", "/friends", "/chats", `/chats/${id}`, `/spaces/${id}`, `/spaces/${id}/${id}?x=1`];
  try {
    // The start-up line names the address really bound (PORT=0: the one the OS chose) and APP_URL
    // (in production a JSON log line, its text in "msg").
    const ready = /"msg":"Moim ready on http:\/\/127\.0\.0\.1:(\d+), APP_URL https:\/\/moim\.example \((?:sqlite|mysql)[^)]*\)"/;
    await expect.poll(() => ready.exec(output)?.[1], { timeout: 30_000 }).toBeTruthy();
    const port = ready.exec(output)![1]!;
    for (const page of pages) {
      const res = await fetch(`http://127.0.0.1:${port}${page}`, { redirect: "manual" });
      answers.push(`${page} ${res.status} ${res.headers.get("location")}`);
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  // Nothing but JSON log lines below warn (start, the graceful stop), besides Next's own banner.
  const lines = output.split("\n").filter((l) => l.trim() && !/Running next\.config/.test(l));
  const unexpected = lines.filter((l) => {
    try {
      return (JSON.parse(l) as { level: number }).level >= 40;
    } catch {
      return true;
    }
  });
  expect(unexpected).toEqual([]);
  expect(lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  expect(answers).toEqual(pages.map((page) => `${page} 307 /signin?callbackUrl=${encodeURIComponent(page)}`));
});
