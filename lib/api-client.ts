import { ERROR_CODES, type ErrorCode, type Result } from "./error-codes";
import { LIMITS } from "./limits";

/** Browser side of the JSON routes: always resolves to a Result, never throws. */
export async function postJson<T extends object>(url: string, body: unknown = {}): Promise<Result<T>> {
  return request<T>(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Like postJson, with another method (PATCH, DELETE, GET). */
export async function sendJson<T extends object>(
  method: "GET" | "PATCH" | "DELETE" | "PUT",
  url: string,
  body?: unknown,
): Promise<Result<T>> {
  return request<T>(
    url,
    body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
}

/**
 * Uploads an image (avatar, background, icon, group photo); resolves to its URL for the field
 * that shows it. Size and type are checked here for a quick answer, and again by the server.
 */
export async function uploadImage(file: File): Promise<Result<{ url: string }>> {
  if (file.size > LIMITS.uploadMaxBytes) return { ok: false, error: { code: "upload_too_large", message: "The image is too large" } };
  if (!(LIMITS.uploadImageTypes as readonly string[]).includes(file.type))
    return { ok: false, error: { code: "upload_type", message: "Not a supported image" } };
  return request<{ url: string }>("/api/uploads", { method: "POST", headers: { "content-type": file.type }, body: file });
}

async function request<T extends object>(url: string, init: RequestInit): Promise<Result<T>> {
  try {
    const res = await fetch(url, init);
    const json = (await res.json()) as Result<T>;
    if (json.ok || (json.error && (ERROR_CODES as readonly string[]).includes(json.error.code))) return json;
  } catch {
    // fall through: network failure or a non-JSON answer
  }
  return { ok: false, error: { code: "internal", message: "Request failed" } };
}

export type { ErrorCode };
