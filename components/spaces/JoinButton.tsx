"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { takeJoinIntent } from "@/lib/join-intent";

/**
 * Joins the space behind an invite. Coming back from signing up or in through the invite page's
 * buttons, it joins by itself (lib/join-intent.ts): the visitor already said so.
 */
export function JoinButton({ code, label }: { code: string; label: string }) {
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = useRef(false);

  async function join() {
    setBusy(true);
    setError(null);
    const result = await postJson<{ space: { id: string; defaultChannelId: string } }>(`/api/invites/${encodeURIComponent(code)}`);
    if (!result.ok) {
      setBusy(false);
      setError(errorText(result.error.code));
      return;
    }
    router.push(`/spaces/${result.space.id}/${result.space.defaultChannelId}`);
    router.refresh();
  }

  useEffect(() => {
    if (checked.current) return; // React's dev double effect: the intent is taken once
    checked.current = true;
    if (takeJoinIntent(code)) void join();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, [code]);

  return (
    <div className="mt-2 flex w-full flex-col gap-2">
      <Button onClick={() => void join()} disabled={busy} className="h-11 w-full">
        {label}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
