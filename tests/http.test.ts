import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { jsonRoute } from "@/server/http";

// The route wrapper every app/api handler goes through: path params and bodies are checked
// before a service runs.
const echo = jsonRoute<{ params: Promise<Record<string, string>> }>(async (body, { params }) => ({ body, params: await params }));
const call = (init: RequestInit, params: Record<string, string>) =>
  echo(new Request("http://localhost/api/x", init), { params: Promise.resolve(params) });

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
    const big = await call({ method: "POST", body: JSON.stringify({ pad: "x".repeat(LIMITS.httpBodyMaxBytes) }) }, {});
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: "validation", message: "Request body is too large" } });
    const junk = await call({ method: "POST", body: "{not json" }, {});
    expect(await junk.json()).toMatchObject({ ok: false, error: { code: "validation", message: "Request body is not valid JSON" } });
    const fine = await call({ method: "POST", body: JSON.stringify({ a: 1 }) }, {});
    expect(await fine.json()).toEqual({ ok: true, body: { a: 1 }, params: {} });
  });
});
