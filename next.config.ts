import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig = {
  // Native drivers stay outside the bundle; the custom server loads the same copies.
  serverExternalPackages: ["@libsql/client", "libsql", "mysql2", "socket.io"],
  poweredByHeader: false,
  images: { unoptimized: true },
} satisfies NextConfig;

export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
