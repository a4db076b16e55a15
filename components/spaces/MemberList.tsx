"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { usePresence } from "@/components/chat/RealtimeProvider";
import { StudyingNow } from "@/components/study/StudyStatusLine";
import { Avatar } from "@/components/ui/Avatar";
import { UserName } from "@/components/people/UserName";
import { MenuItem, MenuSeparator } from "@/components/ui/Menu";
import { sendJson } from "@/lib/api-client";
import type { PresenceStatus, SpaceMember } from "@/lib/realtime/contract";
import { DotsMenu } from "./DotsMenu";
import type { SpaceDialog } from "./SpaceDialogs";
import { useAction } from "./useAction";

const RANK = { owner: 2, admin: 1, member: 0 } as const;

/**
 * The space's members with their roles and presence, a search box, and for those who may act
 * on someone a menu (promote/demote, transfer ownership, kick, ban) with what they may do.
 */
export function MemberList({
  spaceId,
  members,
  myId,
  myRole,
  onDialog,
}: {
  spaceId?: string;
  members: SpaceMember[];
  myId?: string;
  myRole?: SpaceMember["role"];
  onDialog?: (dialog: SpaceDialog) => void;
}) {
  const t = useTranslations("spaces");
  const presence = usePresence(members.map((m) => m.id));
  const [query, setQuery] = useState("");
  const q = query.trim().toLocaleLowerCase();
  const shown = [...members].sort((a, b) => RANK[b.role] - RANK[a.role]).filter((m) => !q || m.name.toLocaleLowerCase().includes(q));

  return (
    <section className="flex h-full flex-col" aria-label={t("members", { count: members.length })}>
      <StudyingNow members={members} />
      <div className="px-3 pt-4">
        <h2 className="px-1 pb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
          {t("members", { count: members.length })}
        </h2>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("searchMembers")}
          aria-label={t("searchMembers")}
          className="mb-2 h-9 w-full rounded-lg border border-stone-200 bg-white px-3 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
        />
      </div>
      <ul className="flex-1 overflow-y-auto px-3 pb-4" data-testid="member-list">
        {shown.map((m) => (
          <li
            key={m.id}
            className="group flex items-center gap-2.5 rounded-md px-1 py-1.5 hover:bg-stone-100"
            data-testid="member"
            data-role={m.role}
            data-status={presence[m.id] ?? "offline"}
          >
            <span className="relative">
              <Avatar name={m.name} image={m.image} size={32} />
              <PresenceDot status={presence[m.id] ?? "offline"} />
            </span>
            <span
              className={`min-w-0 flex-1 truncate text-sm font-medium ${presence[m.id] === "online" || presence[m.id] === "idle" ? "" : "text-stone-400"}`}
              data-testid="member-name"
            >
              <UserName user={m} />
            </span>
            {m.role === "owner" && <CrownIcon label={t("roles.owner")} />}
            {m.role === "admin" && (
              <span className="rounded bg-brand-100 px-1.5 py-0.5 text-[10px] font-semibold text-brand-700" data-testid="admin-badge">
                {t("roles.admin")}
              </span>
            )}
            {spaceId && myId && myRole && onDialog && m.id !== myId && RANK[myRole] > RANK[m.role] && (
              <MemberMenu spaceId={spaceId} member={m} myRole={myRole} onDialog={onDialog} />
            )}
          </li>
        ))}
        {shown.length === 0 && <li className="px-1 py-2 text-sm text-stone-500">{t("noMatches")}</li>}
      </ul>
    </section>
  );
}

function MemberMenu({
  spaceId,
  member,
  myRole,
  onDialog,
}: {
  spaceId: string;
  member: SpaceMember;
  myRole: SpaceMember["role"];
  onDialog: (dialog: SpaceDialog) => void;
}) {
  const t = useTranslations("spaces");
  const { run } = useAction();
  const setRole = (role: "admin" | "member") => void run(() => sendJson("PATCH", `/api/spaces/${spaceId}/members/${member.id}`, { role }));
  return (
    <DotsMenu
      label={t("memberMenu", { name: member.name })}
      className="h-7 w-7 rounded-md hover:bg-stone-200 data-[state=open]:bg-stone-200"
    >
      {myRole === "owner" &&
        (member.role === "member" ? (
          <MenuItem onSelect={() => setRole("admin")}>{t("promote")}</MenuItem>
        ) : (
          <MenuItem onSelect={() => setRole("member")}>{t("demote")}</MenuItem>
        ))}
      {myRole === "owner" && <MenuItem onSelect={() => onDialog({ kind: "transfer", member })}>{t("transfer")}</MenuItem>}
      {myRole === "owner" && <MenuSeparator />}
      <MenuItem danger onSelect={() => onDialog({ kind: "kick", member })}>
        {t("kick")}
      </MenuItem>
      {myRole === "owner" && (
        <MenuItem danger onSelect={() => onDialog({ kind: "ban", member })}>
          {t("ban")}
        </MenuItem>
      )}
    </DotsMenu>
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

function CrownIcon({ label }: { label: string }) {
  return (
    <svg
      role="img"
      aria-label={label}
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="currentColor"
      className="shrink-0 text-amber-500"
      data-testid="owner-crown"
    >
      <title>{label}</title>
      <path d="M3 7.5 7.5 11 12 4l4.5 7L21 7.5 19 18H5L3 7.5ZM5 19.5h14V21H5v-1.5Z" />
    </svg>
  );
}
