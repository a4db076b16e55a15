"use client";
import { useTranslations } from "next-intl";
import type { ErrorCode } from "@/lib/errors";

/** The user's-language sentence for an error code. */
export function useErrorText() {
  const t = useTranslations("errors");
  return (code: ErrorCode | "offline") => t(code);
}
