/**
 * next-auth v4 hands a sign-in refusal to the browser as one string (signIn()'s `error`):
 * this is its shape for "too many attempts", shared by the server that writes it and the
 * form that reads it.
 */
const LIMITED = "sign_in_limited:";

export function signInRefusal(retryAfterSeconds: number): string {
  return `${LIMITED}${retryAfterSeconds}`;
}

/** Minutes to wait when `error` is a "too many attempts" refusal (at least 1), else null. */
export function signInRetryMinutes(error: string | null | undefined): number | null {
  if (!error?.startsWith(LIMITED)) return null;
  const seconds = Number(error.slice(LIMITED.length));
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : null;
}
