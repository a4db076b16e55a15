import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { studyChanged } from "@/server/study/publish";
import { getStudySettings, updateStudySettings } from "@/server/study/settings";

export const GET = apiRoute(APP_ROUTES.getStudySettings, async ({ user }) => ({ settings: await getStudySettings(user.id) }));

export const PATCH = apiRoute(APP_ROUTES.updateStudySettings, async ({ user, body }) => {
  const settings = await updateStudySettings(user.id, body);
  // Another zone or day start moves "today": every tab re-reads its total.
  await studyChanged(user.id, { sessions: true });
  return { settings };
});
