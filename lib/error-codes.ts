// Error codes, the typed error and the Result shape, without zod: the browser imports these
// (lib/api-client.ts); lib/errors.ts adds what turns a thrown ZodError into a user's error and
// re-exports all of this, so the server keeps importing from there.

/**
 * Every error a user can meet, by code. The UI translates the code (messages/*.json under
 * "errors"); the message is for logs and API clients.
 */
export const ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "not_found",
  "validation",
  "rate_limited",
  "internal",
  "email_taken",
  "weak_password",
  "invalid_credentials",
  "invite_invalid",
  "banned",
  "group_full",
  "blocked",
  "owner_must_transfer",
  "upload_too_large",
  "upload_type",
  "room_full",
  "last_text_channel",
  "upload_quota",
  "upload_dimensions",
  "unavailable",
  "sign_in_limited",
  "sign_up_limited",
  "too_many_calls",
  "not_addable",
  "not_json",
  "undo_expired",
  "search_text",
  "search_date",
  "search_filter",
  "attachment_too_large",
  "attachment_type",
  "study_time",
  "study_overlap",
  "timer_running",
  "timer_stale",
  "study_full",
  "study_closed",
  "study_join_mode",
  "study_request_pending",
  "study_own_group",
  "calendar_time",
  "calendar_repeat",
  "time_zone",
  "room_not_joined",
  "room_admins_only",
  "room_stale",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  rate_limited: 429,
  internal: 500,
  email_taken: 409,
  weak_password: 400,
  invalid_credentials: 401,
  invite_invalid: 410,
  banned: 403,
  group_full: 409,
  blocked: 403,
  owner_must_transfer: 409,
  upload_too_large: 413,
  upload_type: 415,
  room_full: 409,
  last_text_channel: 409,
  upload_quota: 413,
  upload_dimensions: 413,
  unavailable: 503,
  sign_in_limited: 429,
  sign_up_limited: 429,
  too_many_calls: 429,
  not_addable: 403,
  not_json: 415,
  undo_expired: 410,
  search_text: 400,
  search_date: 400,
  search_filter: 400,
  attachment_too_large: 413,
  attachment_type: 415,
  study_time: 400,
  study_overlap: 409,
  timer_running: 409,
  timer_stale: 409,
  study_full: 409,
  study_closed: 409,
  study_join_mode: 409,
  study_request_pending: 409,
  study_own_group: 400,
  calendar_time: 400,
  calendar_repeat: 400,
  time_zone: 400,
  room_not_joined: 403,
  room_admins_only: 403,
  room_stale: 409,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
export type Failure = { ok: false; error: ErrorBody };
export type Success<T> = { ok: true } & T;
export type Result<T = object> = Success<T> | Failure;

export function httpStatusOf(body: ErrorBody): number {
  return HTTP_STATUS[body.code];
}
