"use client";
import { useTranslations } from "next-intl";
import { postJson, sendJson } from "@/lib/api-client";
import type { Category, ChannelSummary, SpaceMember, SpaceView } from "@/lib/realtime/contract";
import { CategoryDialog, ChannelMembersDialog, CreateChannelDialog, EditChannelDialog } from "./ChannelDialogs";
import { ConfirmDialog } from "./ConfirmDialog";
import { StudyRoomSettingsDialog } from "@/components/study/StudyRoomSettingsDialog";
import { InviteDialog } from "./InviteDialog";
import { DeleteSpaceDialog, SpaceSettingsDialog, type SettingsTab } from "./SpaceSettingsDialog";
import { useLeaveSpace } from "./useSpaceLive";

/** Every dialog the space screen can open, one at a time. */
export type SpaceDialog =
  | { kind: "invite" }
  | { kind: "settings"; tab?: SettingsTab }
  | { kind: "createChannel"; categoryId: string | null }
  | { kind: "createCategory" }
  | { kind: "editChannel"; channel: ChannelSummary }
  | { kind: "channelMembers"; channel: ChannelSummary }
  | { kind: "studyRoom"; channel: ChannelSummary }
  | { kind: "deleteChannel"; channel: ChannelSummary }
  | { kind: "renameCategory"; category: Category }
  | { kind: "deleteCategory"; category: Category }
  | { kind: "leave" }
  | { kind: "deleteSpace" }
  | { kind: "kick" | "ban" | "transfer"; member: SpaceMember };

export function SpaceDialogs({
  view,
  myId,
  dialog,
  onClose,
}: {
  view: SpaceView;
  myId: string;
  dialog: SpaceDialog | null;
  onClose: () => void;
}) {
  const t = useTranslations("spaces");
  const leave = useLeaveSpace();
  const base = `/api/spaces/${view.space.id}`;
  if (!dialog) return null;
  switch (dialog.kind) {
    case "invite":
      return <InviteDialog spaceId={view.space.id} spaceName={view.space.name} onClose={onClose} />;
    case "settings":
      return <SpaceSettingsDialog view={view} onClose={onClose} initialTab={dialog.tab} />;
    case "createChannel":
      return <CreateChannelDialog view={view} categoryId={dialog.categoryId} myId={myId} onClose={onClose} />;
    case "createCategory":
      return <CategoryDialog spaceId={view.space.id} category={null} onClose={onClose} />;
    case "renameCategory":
      return <CategoryDialog spaceId={view.space.id} category={dialog.category} onClose={onClose} />;
    case "editChannel":
      return <EditChannelDialog view={view} channel={dialog.channel} onClose={onClose} />;
    case "channelMembers":
      return <ChannelMembersDialog view={view} channel={dialog.channel} onClose={onClose} />;
    case "studyRoom":
      return <StudyRoomSettingsDialog spaceId={view.space.id} channel={dialog.channel} onClose={onClose} />;
    case "deleteSpace":
      return <DeleteSpaceDialog view={view} onClose={onClose} />;
    case "deleteChannel":
      return (
        <ConfirmDialog
          title={t("deleteChannelTitle", { channel: dialog.channel.name })}
          description={t("deleteChannelHint")}
          confirmLabel={t("delete")}
          onConfirm={() => sendJson("DELETE", `${base}/channels/${dialog.channel.id}`)}
          onClose={onClose}
        />
      );
    case "deleteCategory":
      return (
        <ConfirmDialog
          title={t("deleteCategoryTitle", { category: dialog.category.name })}
          description={t("deleteCategoryHint")}
          confirmLabel={t("delete")}
          onConfirm={() => sendJson("DELETE", `${base}/categories/${dialog.category.id}`)}
          onClose={onClose}
        />
      );
    case "leave":
      return (
        <ConfirmDialog
          title={t("leaveTitle", { space: view.space.name })}
          description={t("leaveHint")}
          confirmLabel={t("leave")}
          onConfirm={() => postJson(`${base}/leave`)}
          onClose={onClose}
          onDone={() => leave(view.space.name, "left")}
        />
      );
    case "kick":
    case "ban":
    case "transfer":
      return (
        <ConfirmDialog
          title={t(`${dialog.kind}Title`, { name: dialog.member.name })}
          description={t(`${dialog.kind}Hint`, { name: dialog.member.name, space: view.space.name })}
          confirmLabel={t(dialog.kind)}
          onConfirm={() => postJson(`${base}/members/${dialog.member.id}/${dialog.kind}`)}
          onClose={onClose}
        />
      );
  }
}
