import { LIMITS } from "./limits";

/** Where a refused or missing callbackUrl sends the user (the home page picks sign-in or spaces). */
export const DEFAULT_CALLBACK = "/";

/**
 * Where to go after signing in: the callbackUrl as a path on our own origin, or "/" when it
 * would leave it (no open redirects). The URL parser decides, not string checks, because it is
 * what the browser will do: it drops TAB, CR and LF anywhere, reads `\` as `/`, and so turns
 * `/<TAB>/evil.example` into `//evil.example`, another host. `origin` is the app's (APP_URL on
 * the server, the page's own in the browser). The answer is always relative, so it also works
 * when the app is reached by another name than APP_URL.
 */
export function safeCallbackUrl(value: unknown, origin: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > LIMITS.callbackUrlMaxChars) return DEFAULT_CALLBACK;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return DEFAULT_CALLBACK;
  }
  if (url.origin !== base.origin) return DEFAULT_CALLBACK;
  // "/.//evil" parses to the path "//evil", which a browser reads back as a host.
  if (url.pathname.startsWith("//")) return DEFAULT_CALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, coming back to `here` (a URL or path on `origin`) afterwards. */
export function signInUrlBackTo(here: string, origin: string = here): string {
  const back = safeCallbackUrl(here, origin);
  return back === DEFAULT_CALLBACK ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(back)}`;
}
