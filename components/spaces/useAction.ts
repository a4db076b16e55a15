"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/ui/useErrorText";
import type { Result } from "@/lib/errors";

/**
 * Runs one admin request: busy while it runs, the translated error if it fails, and on
 * success a re-read of the page (the space:changed event re-reads the others' pages).
 */
export function useAction() {
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** `onDone` runs after success; the page is then re-read unless `reread` is false (it navigated). */
  async function run<T extends object>(call: () => Promise<Result<T>>, onDone?: (result: T) => void, reread = true): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error.code));
      return false;
    }
    onDone?.(result);
    if (reread) router.refresh();
    return true;
  }
  return { busy, error, setError, run };
}
