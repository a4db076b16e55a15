import { describe, expect, it } from "vitest";
import { isForgedRequest, requestSource } from "@/server/origin";

// The one decision both the HTTP routes (server/index.ts) and the socket handshake make.
const allowed = new Set(["http://localhost:3000", "http://127.0.0.1:3000", "https://moim.example"]);

describe("where a request comes from", () => {
  it("is ours when the browser says same-origin or none, or the Origin is in the allowlist", () => {
    expect(requestSource({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }, allowed)).toBe("ours");
    expect(requestSource({ "sec-fetch-site": "same-origin" }, allowed)).toBe("ours"); // polling GET
    expect(requestSource({ "sec-fetch-site": "none" }, allowed)).toBe("ours"); // typed in the address bar
    expect(requestSource({ origin: "https://moim.example" }, allowed)).toBe("ours"); // a browser without Sec-Fetch-*
    expect(requestSource({ "sec-fetch-site": "cross-site", origin: "https://moim.example" }, allowed)).toBe("ours"); // ALLOWED_ORIGINS
  });

  it("is foreign when a browser says another origin sent it: another port of the same host, another site, or null", () => {
    expect(requestSource({ "sec-fetch-site": "same-site", origin: "http://localhost:4444" }, allowed)).toBe("foreign");
    expect(requestSource({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }, allowed)).toBe("foreign");
    expect(requestSource({ "sec-fetch-site": "cross-site", origin: "null" }, allowed)).toBe("foreign"); // sandboxed frame, data: page
    expect(requestSource({ origin: "null" }, allowed)).toBe("foreign");
    expect(requestSource({ origin: "http://localhost:3000.evil.example" }, allowed)).toBe("foreign");
    expect(requestSource({ "sec-fetch-site": "same-site" }, allowed)).toBe("foreign"); // a browser, but no Origin to vouch
  });

  it("is unknown with neither header: not a browser, so no victim's cookies ride along", () => {
    expect(requestSource({}, allowed)).toBe("unknown");
  });
});

describe("the forged-request guard", () => {
  it("lets every read through and refuses a state change only when a browser says it comes from elsewhere", () => {
    const sameSite = { "sec-fetch-site": "same-site", origin: "http://localhost:4444" };
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(isForgedRequest(method, sameSite, allowed), method).toBe(false);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) expect(isForgedRequest(method, sameSite, allowed), method).toBe(true);
    expect(isForgedRequest("POST", { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }, allowed)).toBe(false);
    expect(isForgedRequest("POST", { origin: "null" }, allowed)).toBe(true);
    expect(isForgedRequest("POST", {}, allowed)).toBe(false); // curl, a script: see requestSource
  });
});
