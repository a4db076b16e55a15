"use client";
import { BarChart3, BookOpen, CalendarDays } from "lucide-react";
import { SpaceCountdowns } from "@/components/calendar/SpaceCountdowns";
import { IconButton } from "@/components/ui/IconButton";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/Avatar";
import { MenuItem, MenuSeparator } from "@/components/ui/Menu";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import { postJson } from "@/lib/api-client";
import type { Category, ChannelSummary, SpaceView, UserSummary } from "@/lib/realtime/contract";
import { VideoIcon } from "./VideoIcon";
import { DotsMenu } from "./DotsMenu";
import type { SpaceDialog } from "./SpaceDialogs";
import { useAction } from "./useAction";
import { UserName } from "@/components/people/UserName";

/**
 * The space's channels: those without a category first, then each category's, in order.
 * Owner and admins get a menu on each channel and category (edit, move, members, delete).
 * Above them, the space's materials (components/materials), calendar (components/calendar),
 * with its next deadlines' D-day, and study leaderboard (components/study-stats); `openPage`
 * says which of them is open instead of a channel.
 */
export function ChannelList({
  view,
  openChannelId,
  openPage = openChannelId === null ? "materials" : null,
  unread,
  occupants,
  onNavigate,
  onDialog,
}: {
  view: SpaceView;
  openChannelId: string | null;
  openPage?: "materials" | "calendar" | "leaderboard" | null;
  unread: Record<string, number>;
  occupants: Record<string, UserSummary[]>;
  onNavigate: () => void;
  onDialog: (dialog: SpaceDialog) => void;
}) {
  const t = useTranslations("spaces");
  const tm = useTranslations("materials");
  const tcal = useTranslations("calendar");
  const ts = useTranslations("studyStats");
  const admin = view.myRole !== "member";
  const groups: Array<{ category: Category | null; channels: ChannelSummary[] }> = [
    { category: null, channels: view.channels.filter((c) => !c.categoryId || !view.categories.some((k) => k.id === c.categoryId)) },
    ...view.categories.map((category) => ({ category, channels: view.channels.filter((c) => c.categoryId === category.id) })),
  ];
  const flat = groups.flatMap((g) => g.channels);

  return (
    <nav className="flex-1 overflow-y-auto px-2 py-3" aria-label={t("channels")}>
      {(
        [
          ["materials", `/spaces/${view.space.id}/materials`, BookOpen, tm("link"), "materials-link"],
          ["calendar", `/spaces/${view.space.id}/calendar`, CalendarDays, tcal("link"), "calendar-link"],
          ["leaderboard", `/spaces/${view.space.id}/leaderboard`, BarChart3, ts("leaderboard"), "leaderboard-link"],
        ] as const
      ).map(([page, href, Icon, label, testId], i, all) => (
        <Link
          key={page}
          href={href}
          onClick={onNavigate}
          aria-current={openPage === page ? "page" : undefined}
          data-testid={testId}
          className={`${i === all.length - 1 ? "mb-1" : "mb-0.5"} flex items-center gap-1.5 rounded-md px-2 py-1.5 text-[15px] ${
            openPage === page ? "bg-stone-300/70 font-semibold text-stone-900" : "text-stone-600 hover:bg-stone-200"
          }`}
        >
          <Icon aria-hidden size={16} className="w-4 shrink-0 text-stone-400" />
          {label}
        </Link>
      ))}
      <SpaceCountdowns spaceId={view.space.id} />
      {groups.map(({ category, channels }, gi) =>
        !category && channels.length === 0 ? null : (
          <section
            key={category?.id ?? "none"}
            className={gi > 0 ? "mt-4" : ""}
            data-testid="channel-group"
            aria-label={category?.name ?? t("channels")}
          >
            {category && (
              <div className="group flex items-center gap-1 px-1 pb-1">
                <h3
                  className="min-w-0 flex-1 truncate text-xs font-semibold tracking-wide text-stone-500 uppercase"
                  data-testid="category-name"
                >
                  {category.name}
                </h3>
                {admin && (
                  <>
                    <IconButton
                      className="h-6 w-6 text-stone-500 hover:bg-stone-200 hover:text-stone-900"
                      label={t("createChannelIn", { category: category.name })}
                      onClick={() => onDialog({ kind: "createChannel", categoryId: category.id })}
                    >
                      <PlusIcon />
                    </IconButton>
                    <CategoryMenu view={view} category={category} index={gi - 1} onDialog={onDialog} />
                  </>
                )}
              </div>
            )}
            <ul>
              {channels.map((c) => {
                const unreadHere = c.id !== openChannelId && (unread[c.id] ?? 0) > 0;
                return (
                  <li key={c.id} className="group relative" data-testid="channel-row" data-kind={c.kind}>
                    <Link
                      href={`/spaces/${view.space.id}/${c.id}`}
                      onClick={onNavigate}
                      aria-current={c.id === openChannelId ? "page" : undefined}
                      data-nav-item={c.kind === "text" ? "" : undefined}
                      data-unread={unreadHere}
                      className={`flex items-center gap-1.5 rounded-md px-2 py-1.5 text-[15px] ${admin ? "pr-9" : ""} ${
                        c.id === openChannelId
                          ? "bg-stone-300/70 font-semibold text-stone-900"
                          : unreadHere
                            ? "font-bold text-stone-900 hover:bg-stone-200"
                            : "text-stone-600 hover:bg-stone-200"
                      }`}
                    >
                      <span className="flex w-4 shrink-0 justify-center text-stone-400">{c.kind === "video" ? <VideoIcon /> : "#"}</span>
                      <span className="min-w-0 flex-1 truncate" data-testid="channel-name">
                        {c.name}
                      </span>
                      {c.isPrivate && <LockIcon label={t("private")} />}
                      {c.id !== openChannelId && <UnreadBadge count={unread[c.id] ?? 0} testId="unread-badge" />}
                    </Link>
                    {admin && (
                      <div className="absolute top-1 right-1">
                        <ChannelMenu view={view} channel={c} position={flat.indexOf(c)} last={flat.length - 1} onDialog={onDialog} />
                      </div>
                    )}
                    {c.kind === "video" && (occupants[c.id]?.length ?? 0) > 0 && (
                      <ul className="mb-1 ml-7 flex flex-col gap-0.5" aria-label={t("inRoom", { channel: c.name })} data-testid="occupants">
                        {occupants[c.id]!.map((u) => (
                          <li key={u.id} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm text-stone-600">
                            <Avatar name={u.name} image={u.image} size={20} />
                            <span className="min-w-0 truncate" data-testid="occupant-name">
                              <UserName user={u} />
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </nav>
  );
}

function ChannelMenu({
  view,
  channel,
  position,
  last,
  onDialog,
}: {
  view: SpaceView;
  channel: ChannelSummary;
  position: number;
  last: number;
  onDialog: (dialog: SpaceDialog) => void;
}) {
  const t = useTranslations("spaces");
  const s = useTranslations("studyRoom");
  const { run } = useAction();
  const move = (direction: "up" | "down") =>
    void run(() => postJson(`/api/spaces/${view.space.id}/channels/${channel.id}/move`, { direction }));
  return (
    <DotsMenu
      label={t("channelMenu", { channel: channel.name })}
      className="h-7 w-7 rounded-md opacity-100 hover:bg-stone-300/70 focus:opacity-100 data-[state=open]:opacity-100 md:opacity-0 md:group-hover:opacity-100"
    >
      <MenuItem onSelect={() => onDialog({ kind: "editChannel", channel })}>{t("editChannel")}</MenuItem>
      {channel.isPrivate && <MenuItem onSelect={() => onDialog({ kind: "channelMembers", channel })}>{t("channelMembers")}</MenuItem>}
      <MenuItem onSelect={() => onDialog({ kind: "studyRoom", channel })}>{s("settings")}</MenuItem>
      {position > 0 && <MenuItem onSelect={() => move("up")}>{t("moveUp")}</MenuItem>}
      {position < last && <MenuItem onSelect={() => move("down")}>{t("moveDown")}</MenuItem>}
      <MenuSeparator />
      <MenuItem danger onSelect={() => onDialog({ kind: "deleteChannel", channel })}>
        {t("deleteChannel")}
      </MenuItem>
    </DotsMenu>
  );
}

function CategoryMenu({
  view,
  category,
  index,
  onDialog,
}: {
  view: SpaceView;
  category: Category;
  index: number;
  onDialog: (d: SpaceDialog) => void;
}) {
  const t = useTranslations("spaces");
  const { run } = useAction();
  const move = (direction: "up" | "down") =>
    void run(() => postJson(`/api/spaces/${view.space.id}/categories/${category.id}/move`, { direction }));
  return (
    <DotsMenu label={t("categoryMenu", { category: category.name })} className="h-6 w-6 rounded hover:bg-stone-200">
      <MenuItem onSelect={() => onDialog({ kind: "renameCategory", category })}>{t("renameCategory")}</MenuItem>
      {index > 0 && <MenuItem onSelect={() => move("up")}>{t("moveUp")}</MenuItem>}
      {index < view.categories.length - 1 && <MenuItem onSelect={() => move("down")}>{t("moveDown")}</MenuItem>}
      <MenuSeparator />
      <MenuItem danger onSelect={() => onDialog({ kind: "deleteCategory", category })}>
        {t("deleteCategory")}
      </MenuItem>
    </DotsMenu>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}

function LockIcon({ label }: { label: string }) {
  return (
    <svg role="img" aria-label={label} width="13" height="13" viewBox="0 0 24 24" fill="currentColor" className="shrink-0 text-stone-400">
      <title>{label}</title>
      <path d="M7 10V8a5 5 0 0 1 10 0v2h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1Zm2 0h6V8a3 3 0 0 0-6 0v2Z" />
    </svg>
  );
}
