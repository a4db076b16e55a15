import { ZodError } from "zod";
import { AppError, type ErrorBody } from "./error-codes";

export * from "./error-codes";

/** Turns anything thrown into the error a user may see; unexpected errors say nothing more. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof ZodError) {
    const first = err.issues[0];
    return { code: "validation", message: first ? `${first.path.join(".") || "payload"}: ${first.message}` : "invalid input" };
  }
  return { code: "internal", message: "Something went wrong" };
}

export function isExpected(err: unknown): boolean {
  return err instanceof AppError || err instanceof ZodError;
}
