"use client";
import { Avatar } from "@/components/ui/Avatar";
import type { UserSummary } from "@/lib/realtime/contract";
import { useProfileCard } from "./ProfileProvider";

/** A person's name that opens their profile card. */
export function UserName({ user, className = "" }: { user: Pick<UserSummary, "id" | "name">; className?: string }) {
  const { open } = useProfileCard();
  return (
    <button
      type="button"
      onClick={() => open(user.id)}
      className={`max-w-full cursor-pointer truncate text-left hover:underline focus-visible:underline ${className}`}
      data-testid="user-name"
    >
      {user.name}
    </button>
  );
}

/** A person's picture that opens their profile card. */
export function UserAvatar({ user, size }: { user: UserSummary; size?: number }) {
  const { open } = useProfileCard();
  return (
    <button
      type="button"
      onClick={() => open(user.id)}
      aria-label={user.name}
      className="shrink-0 rounded-full transition hover:opacity-85"
    >
      <Avatar name={user.name} image={user.image} size={size} />
    </button>
  );
}
