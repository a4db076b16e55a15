/**
 * "Join after signing in", remembered for this tab only. The invite page's sign-up, sign-in
 * and Kakao buttons set it; back on the invite page, signed in, JoinButton joins at once if it
 * is set for that invite, and clears it. A link alone never joins anyone: only a press of one
 * of those buttons in this tab, within the last half hour, does (sessionStorage survives the
 * trip to Kakao and back, and no other site can write it).
 */
const KEY = "moim:join-after-sign-in";
const MAX_AGE_MS = 30 * 60 * 1000;

export function rememberJoinIntent(code: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ code, at: Date.now() }));
  } catch {
    // Storage refused (private mode quotas): the user presses Join themselves.
  }
}

/** True once if this tab asked to join `code` after signing in; the intent is used up. */
export function takeJoinIntent(code: string): boolean {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return false;
    sessionStorage.removeItem(KEY);
    const intent = JSON.parse(raw) as { code?: unknown; at?: unknown };
    return intent.code === code && typeof intent.at === "number" && Date.now() - intent.at < MAX_AGE_MS;
  } catch {
    return false;
  }
}
