import { ERROR_CODES, type ErrorCode, type Result } from "./errors";

/** Browser side of the JSON routes: always resolves to a Result, never throws. */
export async function postJson<T extends object>(url: string, body: unknown = {}): Promise<Result<T>> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await res.json()) as Result<T>;
    if (json.ok || (json.error && (ERROR_CODES as readonly string[]).includes(json.error.code))) return json;
  } catch {
    // fall through: network failure or a non-JSON answer
  }
  return { ok: false, error: { code: "internal", message: "Request failed" } };
}

export type { ErrorCode };
