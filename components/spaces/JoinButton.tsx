"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";

export function JoinButton({ code, label }: { code: string; label: string }) {
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join() {
    setBusy(true);
    const result = await postJson<{ space: { id: string; defaultChannelId: string } }>(`/api/invites/${encodeURIComponent(code)}`);
    if (!result.ok) {
      setBusy(false);
      setError(errorText(result.error.code));
      return;
    }
    router.push(`/spaces/${result.space.id}/${result.space.defaultChannelId}`);
    router.refresh();
  }

  return (
    <div className="mt-2 flex w-full flex-col gap-2">
      <Button onClick={() => void join()} disabled={busy} className="h-11 w-full">
        {label}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
