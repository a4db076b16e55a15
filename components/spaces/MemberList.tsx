"use client";
import { useTranslations } from "next-intl";
import { usePresence } from "@/components/chat/RealtimeProvider";
import { Avatar } from "@/components/ui/Avatar";
import { UserName } from "@/components/people/UserName";
import type { PresenceStatus, SpaceMember } from "@/lib/realtime/contract";

/** The space's members with their presence. */
export function MemberList({ members }: { members: SpaceMember[] }) {
  const t = useTranslations("spaces");
  const presence = usePresence(members.map((m) => m.id));

  return (
    <section className="h-full overflow-y-auto px-3 py-4" aria-label={t("members", { count: members.length })}>
      <h2 className="px-1 pb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">{t("members", { count: members.length })}</h2>
      <ul className="flex flex-col gap-0.5" data-testid="member-list">
        {members.map((m) => (
          <li
            key={m.id}
            className="flex items-center gap-2.5 rounded-md px-1 py-1.5"
            data-testid="member"
            data-status={presence[m.id] ?? "offline"}
          >
            <span className="relative">
              <Avatar name={m.name} image={m.image} size={32} />
              <PresenceDot status={presence[m.id] ?? "offline"} />
            </span>
            <span
              className={`min-w-0 flex-1 truncate text-sm font-medium ${presence[m.id] === "online" || presence[m.id] === "idle" ? "" : "text-stone-400"}`}
            >
              <UserName user={m} />
            </span>
            {m.role !== "member" && (
              <span className="rounded bg-brand-100 px-1.5 py-0.5 text-[10px] font-semibold text-brand-700">{t(`roles.${m.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PresenceDot({ status }: { status: PresenceStatus }) {
  const t = useTranslations("presence");
  const colour = { online: "bg-emerald-500", idle: "bg-amber-400", offline: "bg-stone-300" }[status];
  return (
    <span
      role="img"
      aria-label={t(status)}
      title={t(status)}
      className={`absolute -right-0.5 -bottom-0.5 h-3 w-3 rounded-full ring-2 ring-stone-50 ${colour}`}
    />
  );
}
