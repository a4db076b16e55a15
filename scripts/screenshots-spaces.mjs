#!/usr/bin/env node
// Screenshots of the space administration screens (channel list with categories, member list
// with its menu, settings, invite options, delete confirmation) at desktop and phone width, in
// Korean and English. Needs a running Moim: BASE_URL (default http://localhost:3000); writes to OUT_DIR.
import { deflateSync } from "node:zlib";
import { base, launchBrowser, outDir, sizes } from "./screenshot-kit.mjs";

const browser = await launchBrowser();
const tag = Date.now().toString(36);

/** A 64×64 PNG: a diagonal two-colour icon (no image files in the repo). */
function iconPng() {
  const size = 64;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) row.push(...(x + y < size ? [14, 116, 144] : [251, 191, 36]));
    rows.push(...row);
  }
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function signUp(page, name, email) {
  await page.goto(`${base}/signup`);
  await page.locator("input[name=name]").fill(name);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill("good-pass-123");
  await page.locator("button[type=submit]").click();
  await page.waitForURL(/\/spaces$/);
}

async function api(page, method, path, data) {
  const res = await page.request.fetch(`${base}${path}`, { method, data: data ?? {} });
  const body = await res.json();
  if (!body.ok) throw new Error(`${method} ${path}: ${JSON.stringify(body)}`);
  return body;
}

for (const locale of ["ko-KR", "en-US"]) {
  const lang = locale.slice(0, 2);
  const ko = lang === "ko";
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ locale, viewport: sizes.desktop })));
  const [o, g, h] = await Promise.all(contexts.map((c) => c.newPage()));
  await signUp(o, ko ? "김민지" : "Alice", `so-${lang}-${tag}@example.test`);
  await signUp(g, ko ? "이준호" : "Bob", `sg-${lang}-${tag}@example.test`);
  await signUp(h, ko ? "박서연" : "Carol", `sh-${lang}-${tag}@example.test`);

  const upload = await o.request.fetch(`${base}/api/uploads`, {
    method: "POST",
    headers: { "content-type": "image/png" },
    data: iconPng(),
  });
  const { url: icon } = await upload.json();
  const { space } = await api(o, "POST", "/api/spaces", { name: ko ? "알고리즘 스터디" : "Algorithm study", icon });
  const { code } = await api(o, "POST", `/api/spaces/${space.id}/invites`, { maxUses: 25, expiresInSeconds: 604800 });
  for (const p of [g, h]) await api(p, "POST", `/api/invites/${code}`);
  const study = (await api(o, "POST", `/api/spaces/${space.id}/categories`, { name: ko ? "스터디" : "Study" })).category;
  const rooms = (await api(o, "POST", `/api/spaces/${space.id}/categories`, { name: ko ? "음성·영상" : "Rooms" })).category;
  await api(o, "POST", `/api/spaces/${space.id}/channels`, { name: ko ? "공지" : "announcements", kind: "text" });
  await api(o, "POST", `/api/spaces/${space.id}/channels`, {
    name: ko ? "문제 풀이" : "Problem solving",
    kind: "text",
    categoryId: study.id,
  });
  await api(o, "POST", `/api/spaces/${space.id}/channels`, {
    name: ko ? "운영진" : "staff",
    kind: "text",
    categoryId: study.id,
    isPrivate: true,
  });
  await api(o, "POST", `/api/spaces/${space.id}/channels`, { name: ko ? "스터디룸" : "Study room", kind: "video", categoryId: rooms.id });
  await api(o, "POST", `/api/spaces/${space.id}/channels`, { name: ko ? "모각코" : "Co-working", kind: "video", categoryId: rooms.id });
  await api(o, "POST", `/api/spaces/${space.id}/invites`, { maxUses: 1, expiresInSeconds: 1800 });

  const channelUrl = `${base}/spaces/${space.id}/${space.defaultChannelId}`;
  // Bob becomes an admin (his id from the member list the owner sees)
  await o.goto(channelUrl);
  const bobName = ko ? "이준호" : "Bob";
  await o.getByRole("button", { name: ko ? `${bobName} 옵션` : `Options for ${bobName}` }).click();
  await o.getByRole("menuitem", { name: ko ? "관리자로 지정" : "Make admin" }).click();
  await o.getByTestId("member").filter({ hasText: bobName }).getByTestId("admin-badge").waitFor();
  await o
    .getByRole("textbox")
    .first()
    .fill(ko ? "이번 주 문제는 공지 채널에 올렸어요!" : "This week's problems are in #announcements!");
  await o.getByRole("textbox").first().press("Enter");
  await o.getByTestId("message-body").first().waitFor();

  const shoot = async (name, open) => {
    for (const [size, viewport] of Object.entries(sizes)) {
      await o.setViewportSize(viewport);
      await o.goto(channelUrl);
      await o.getByTestId("message-body").first().waitFor();
      await open(size);
      await o.screenshot({ path: `${outDir}/${lang}-${size}-${name}.png` });
    }
  };
  const panel = async (size) => {
    if (size === "phone") await o.getByRole("button", { name: ko ? "메뉴" : "Menu" }).click();
  };
  const spaceMenu = async (size, item) => {
    await panel(size);
    await o
      .getByRole("button", { name: ko ? "스페이스 메뉴" : "Space menu" })
      .first()
      .click();
    if (item) await o.getByRole("menuitem", { name: item }).click();
  };

  await shoot("1-channels", panel);
  await shoot("2-space-menu", (size) => spaceMenu(size));
  await shoot("3-members-menu", async (size) => {
    if (size === "phone") await o.getByRole("button", { name: ko ? "멤버 보기" : "Show members" }).click();
    const carol = ko ? "박서연" : "Carol";
    await o
      .getByRole("button", { name: ko ? `${carol} 옵션` : `Options for ${carol}` })
      .last()
      .click();
  });
  await shoot("4-settings", (size) => spaceMenu(size, ko ? "스페이스 설정" : "Space settings"));
  await shoot("5-settings-invites", async (size) => {
    await spaceMenu(size, ko ? "스페이스 설정" : "Space settings");
    await o.getByRole("tab", { name: ko ? "초대 링크" : "Invites" }).click();
    await o.getByTestId("invite-row").first().waitFor();
  });
  await shoot("6-invite", async (size) => {
    await spaceMenu(size, ko ? "초대하기" : "Invite people");
    await o.getByTestId("invite-link").and(o.locator("[value*='/invite/']")).waitFor();
  });
  await shoot("7-create-channel", async (size) => {
    await spaceMenu(size, ko ? "채널 만들기" : "Create channel");
    await o.getByLabel(ko ? "채널 이름" : "Channel name").fill(ko ? "알고리즘 노트" : "Algorithm Notes");
    await o.getByRole("checkbox", { name: ko ? /비공개 채널/ : /Private channel/ }).check();
  });
  await shoot("8-delete", async (size) => {
    await spaceMenu(size, ko ? "스페이스 삭제" : "Delete space");
    await o
      .getByRole("dialog")
      .getByRole("textbox")
      .fill(ko ? "알고리즘" : "Algorithm");
  });
  await shoot("9-video", async (size) => {
    await panel(size);
    await o.getByRole("link", { name: ko ? "스터디룸" : "Study room" }).click();
    if (size === "phone") await o.getByRole("button", { name: ko ? "메뉴" : "Menu" }).waitFor();
    await o.getByTestId("prejoin").waitFor();
  });
  for (const c of contexts) await c.close();
}
await browser.close();
