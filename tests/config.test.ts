import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig } from "@/server/config";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "moim-config-"));

describe("configuration", () => {
  it("defaults to a SQLite file and a generated auth secret under the data directory, reused on the next start", () => {
    const dir = path.join(tempDir(), "data");
    const first = buildConfig({ DATA_DIR: dir });
    expect(first.database).toEqual({ dialect: "sqlite", url: `file:${path.join(dir, "moim.db")}` });
    expect(first.authSecret).toHaveLength(43);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8").trim()).toBe(first.authSecret);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(buildConfig({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
  });

  it("uses MySQL, a configured secret and Kakao only when told to", () => {
    const c = buildConfig({
      DATA_DIR: tempDir(),
      DATABASE_URL: "mysql://root@127.0.0.1:3306/moim",
      AUTH_SECRET: "a-configured-secret-of-length",
      KAKAO_CLIENT_ID: "id",
      KAKAO_CLIENT_SECRET: "secret",
      PORT: "4000",
    });
    expect(c.database).toEqual({ dialect: "mysql", url: "mysql://root@127.0.0.1:3306/moim" });
    expect(c.authSecret).toBe("a-configured-secret-of-length");
    expect(c.kakao).toMatchObject({ clientId: "id", authBaseUrl: "https://kauth.kakao.com", apiBaseUrl: "https://kapi.kakao.com" });
    expect([...c.allowedOrigins]).toContain("http://localhost:4000");
    expect(buildConfig({ DATA_DIR: tempDir(), KAKAO_CLIENT_ID: "only-half" }).kakao).toBeNull();
  });

  it("reads the operator settings: logs, metrics and the shutdown grace", () => {
    const plain = buildConfig({ DATA_DIR: tempDir(), NODE_ENV: "production" });
    expect(plain.ops).toEqual({
      logLevel: "info",
      logFormat: "json",
      metrics: { token: null, port: null, host: "127.0.0.1" },
      shutdownGraceMs: 10_000,
    });
    expect(buildConfig({ DATA_DIR: tempDir(), NODE_ENV: "development" }).ops.logFormat).toBe("pretty");
    const set = buildConfig({
      DATA_DIR: tempDir(),
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      METRICS_TOKEN: "a-token-of-enough-length",
      METRICS_PORT: "9464",
      METRICS_HOST: "10.0.0.5",
      SHUTDOWN_GRACE_MS: "2500",
    });
    expect(set.ops).toEqual({
      logLevel: "debug",
      logFormat: "json",
      metrics: { token: "a-token-of-enough-length", port: 9464, host: "10.0.0.5" },
      shutdownGraceMs: 2500,
    });
    expect(() => buildConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => buildConfig({ DATA_DIR: tempDir(), LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("explains what is wrong with bad settings", () => {
    expect(() => buildConfig({ DATA_DIR: tempDir(), DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL must be a mysql:\/\/ URL/);
    expect(() => buildConfig({ DATA_DIR: tempDir(), PORT: "eighty" })).toThrow(/PORT/);
  });
});
