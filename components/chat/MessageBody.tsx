"use client";
import { parseBody } from "@/lib/mentions";

/**
 * A message's text as the reader sees it: the body with its mention tokens shown as names
 * (your own highlighted).
 */
export function MessageBody({
  body,
  myId,
  nameOf,
}: {
  body: string;
  myId: string;
  nameOf: (userId: string) => string | undefined;
}) {
  return (
    <span data-testid="message-body">
      {parseBody(body).map((part, i) =>
        "text" in part ? (
          part.text
        ) : (
          <span
            key={i}
            className={`rounded px-0.5 font-semibold ${part.mention === myId ? "bg-amber-200 text-amber-900" : "bg-brand-100 text-brand-700"}`}
          >
            @{nameOf(part.mention) ?? "?"}
          </span>
        ),
      )}
    </span>
  );
}
