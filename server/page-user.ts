import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signInUrlBackTo } from "@/lib/safe-callback";
import { currentUser } from "./auth";
import { getConfig } from "./config";
import { PAGE_PATH_HEADER } from "./page-path";

/**
 * The signed-in user for a page under app/(app), or a redirect to sign-in that comes back here.
 * Every layout and page there calls it, not just the outer layout: Next renders a route's
 * layouts and page at the same time, so a page cannot count on its layout having redirected
 * (that assumption logged a TypeError for every signed-out request). Cached per request, so
 * the session is read once however many of them ask.
 */
export const requirePageUser = cache(async () => {
  const me = await currentUser();
  if (!me) redirect(signInUrlBackTo((await headers()).get(PAGE_PATH_HEADER) ?? "/", getConfig().appUrl));
  return me;
});
