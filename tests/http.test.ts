import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { jsonRoute, uploadRoute } from "@/server/http";

// The route wrapper every app/api handler goes through: path params and bodies are checked
// before a service runs.
const echo = jsonRoute<{ params: Promise<Record<string, string>> }>(async (body, { params }) => ({ body, params: await params }));
const call = (init: RequestInit, params: Record<string, string>) =>
  echo(new Request("http://localhost/api/x", init), { params: Promise.resolve(params) });
const json = { "content-type": "application/json" };

describe("route handlers", () => {
  it("pass ids and invite codes through, and refuse any other path segment with a validation error", async () => {
    const ok = await call({ method: "GET" }, { spaceId: "01a202a4-0c26-76ab-9b4f-ac43e0ff79c8", code: "Ab3_x-9" });
    expect(ok.status).toBe(200);
    for (const bad of ["../../etc/passwd", "a b", "x".repeat(65), "", "ñ"]) {
      const res = await call({ method: "GET" }, { spaceId: bad });
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toEqual({ ok: false, error: { code: "validation", message: "spaceId: is not a valid id" } });
    }
  });

  it("refuse a body over the size cap and a body that is not JSON, without running the service", async () => {
    const big = await call({ method: "POST", headers: json, body: JSON.stringify({ pad: "x".repeat(LIMITS.httpBodyMaxBytes) }) }, {});
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: "validation", message: "Request body is too large" } });
    const junk = await call({ method: "POST", headers: json, body: "{not json" }, {});
    expect(await junk.json()).toMatchObject({ ok: false, error: { code: "validation", message: "Request body is not valid JSON" } });
    const fine = await call({ method: "POST", headers: { "content-type": "Application/JSON; charset=utf-8" }, body: JSON.stringify({ a: 1 }) }, {});
    expect(await fine.json()).toEqual({ ok: true, body: { a: 1 }, params: {} });
  });

  it("read a body only when it is typed application/json: what a form or a no-cors fetch can send is refused with not_json", async () => {
    let ran = 0;
    const counted = jsonRoute(async (body) => ((ran += 1), { body }));
    const send = (init: RequestInit) => counted(new Request("http://localhost/api/x", init), undefined);
    const forged: RequestInit[] = [
      { method: "POST", body: '{"a":1}' }, // fetch's default for a string: text/plain;charset=UTF-8
      { method: "POST", headers: { "content-type": "text/plain" }, body: '{"a":1}' },
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: '{"a":1}=' },
      { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: '--x\r\n\r\n{"a":1}\r\n--x--' },
      { method: "POST", headers: { "content-type": "application/jsonp" }, body: '{"a":1}' },
      { method: "POST", headers: { "content-type": "text/plain; application/json" }, body: '{"a":1}' },
      { method: "POST" }, // an empty form post still acts on routes that take no body
      { method: "PATCH", headers: { "content-type": "text/plain" }, body: '{"a":1}' },
    ];
    for (const init of forged) {
      const res = await send(init);
      expect(res.status, JSON.stringify(init)).toBe(415);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: "not_json" } });
    }
    expect(ran).toBe(0);
    // What lib/api-client.ts sends: JSON, or no body at all on a DELETE.
    expect(await (await send({ method: "DELETE" })).json()).toEqual({ ok: true, body: {} });
    expect(await (await send({ method: "POST", headers: json, body: "{}" })).json()).toEqual({ ok: true, body: {} });
    expect(ran).toBe(2);
  });

  it("take an upload only typed as one of our image types, which no form or no-cors fetch can send", async () => {
    let ran = 0;
    const upload = uploadRoute(async () => ((ran += 1), {}));
    for (const type of [null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/svg+xml"]) {
      const res = await upload(new Request("http://localhost/api/uploads", { method: "POST", headers: type ? { "content-type": type } : {}, body: "\x89PNG" }), undefined);
      expect(res.status, String(type)).toBe(415);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: "upload_type" } });
    }
    expect(ran).toBe(0);
  });
});
