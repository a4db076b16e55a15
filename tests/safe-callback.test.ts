import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInUrlBackTo } from "@/lib/safe-callback";
import { LIMITS } from "@/lib/limits";

const APP = "http://localhost:3000";

describe("the callbackUrl after sign-in", () => {
  it("keeps a path of our own, with its query and hash", () => {
    expect(safeCallbackUrl("/spaces", APP)).toBe("/spaces");
    expect(safeCallbackUrl("/invite/Ab3_x-9", APP)).toBe("/invite/Ab3_x-9");
    expect(safeCallbackUrl("/spaces/a/b?removed=x&reason=left#m-12", APP)).toBe("/spaces/a/b?removed=x&reason=left#m-12");
    expect(safeCallbackUrl("http://localhost:3000/chats?x=1", APP)).toBe("/chats?x=1"); // our own origin, absolute
    expect(safeCallbackUrl("/a/../chats", APP)).toBe("/chats");
    expect(safeCallbackUrl("chats", APP)).toBe("/chats"); // relative to the origin's root
  });

  it("refuses anything the browser would read as another origin, and falls back to /", () => {
    const hostile = [
      "/\t/other-host/x",
      "/\t/other-host.example/x",
      "/\r/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/\t\\evil.example",
      "\t//evil.example",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example", // normalizes to the path //evil.example
      "https://evil.example",
      "https:evil.example",
      "http://localhost:3001/", // same host, another port: another origin
      "https://localhost:3000/",
      "http://localhost:3000@evil.example/",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "\tjavascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      " //evil.example",
      "",
      "x".repeat(LIMITS.callbackUrlMaxChars + 1),
    ];
    for (const value of hostile) expect(safeCallbackUrl(value, APP), JSON.stringify(value)).toBe("/");
    for (const value of [undefined, null, 42, ["/spaces"], { toString: () => "/spaces" }]) expect(safeCallbackUrl(value, APP)).toBe("/");
  });

  it("keeps encoded variants as harmless paths: the browser does not decode them into a host", () => {
    for (const value of ["/%09/evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "%2F%2Fevil.example", "/%0d%0a/evil.example"]) {
      const path = safeCallbackUrl(value, APP);
      expect(path.startsWith("/") && !path.startsWith("//"), value).toBe(true);
      expect(new URL(path, APP).origin, value).toBe(APP);
    }
  });

  it("sends a signed-out visitor to sign-in with the way back, and no way anywhere else", () => {
    expect(signInUrlBackTo("/spaces/a/b?x=1", APP)).toBe("/signin?callbackUrl=%2Fspaces%2Fa%2Fb%3Fx%3D1");
    expect(signInUrlBackTo("http://localhost:3000/chats")).toBe("/signin?callbackUrl=%2Fchats");
    expect(signInUrlBackTo("//evil.example", APP)).toBe("/signin");
    expect(signInUrlBackTo("/", APP)).toBe("/signin");
  });
});
