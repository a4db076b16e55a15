import { ZodError } from "zod";
import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode } from "./error-codes";

export * from "./error-codes";

/** Turns anything thrown into the error a user may see; unexpected errors say nothing more. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof ZodError) {
    const first = err.issues[0];
    // A schema can name the error its users see by giving an error code as the issue's message.
    const code = first && isErrorCode(first.message) ? first.message : "validation";
    return { code, message: first ? `${first.path.join(".") || "payload"}: ${first.message}` : "invalid input" };
  }
  return { code: "internal", message: "Something went wrong" };
}

function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

export function isExpected(err: unknown): boolean {
  return err instanceof AppError || err instanceof ZodError;
}
