"use client";
import { useTranslations } from "next-intl";
import { Target } from "lucide-react";
import type { SpaceDialog } from "@/components/spaces/SpaceDialogs";
import type { SpaceView } from "@/lib/realtime/contract";
import { MemberCount, StatusBadge, TagChip } from "./StudyBits";
import { useStudyGroup } from "./StudySettings";

/**
 * Above the channel list of a space that is a study group: its status, target, members and
 * tags, live (`study:changed`); for its owner and admins the pending join requests, live
 * (`study:requests`), opening the settings' Study tab.
 */
export function StudyGroupSummary({ view, onDialog }: { view: SpaceView; onDialog: (dialog: SpaceDialog) => void }) {
  const t = useTranslations("study");
  const { group } = useStudyGroup(view.space.id);
  if (!group) return null;
  const admin = view.myRole !== "member";
  return (
    <section
      className="flex flex-col gap-1.5 border-b border-stone-200 px-3 py-2.5"
      aria-label={t("summaryLabel")}
      data-testid="study-summary"
    >
      <div className="flex items-center gap-2 text-xs text-stone-500">
        <StatusBadge status={group.status} />
        <MemberCount count={group.memberCount} capacity={group.capacity} />
      </div>
      {group.target && (
        <p className="flex min-w-0 items-center gap-1 text-xs font-semibold text-stone-700">
          <Target size={13} aria-hidden className="shrink-0 text-brand-600" />
          <span className="truncate">{group.target}</span>
        </p>
      )}
      {group.tags.length > 0 && (
        <p className="flex flex-wrap gap-1">
          {group.tags.slice(0, 4).map((tag) => (
            <TagChip key={tag} tag={tag} />
          ))}
        </p>
      )}
      {admin && group.pendingRequests > 0 && (
        <button
          type="button"
          onClick={() => onDialog({ kind: "settings", tab: "study" })}
          className="self-start rounded-full bg-brand-500 px-2.5 py-0.5 text-xs font-bold text-white hover:bg-brand-600"
          data-testid="study-pending-button"
        >
          {t("pendingRequests", { count: group.pendingRequests })}
        </button>
      )}
    </section>
  );
}
