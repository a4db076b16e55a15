import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { recordStudy } from "@/server/study/record";

/** Adds a session by hand: the rules of recordStudy, marked as edited. */
export const POST = apiRoute(STUDY_STATS_ROUTES.addSession, async ({ user, body }) => {
  const rows = await recordStudy(user.id, {
    subject: body.subject,
    spans: [[Date.parse(body.startedAt), Date.parse(body.endedAt)]],
    note: body.note || null,
    source: "manual",
    edited: true,
  });
  return { sessions: rows.map((r) => ({ id: r.id, studyDay: r.studyDay, studiedMs: r.studiedMs })) };
});
