import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { studySettingsPatch, updateStudySettings } from "@/server/study/settings";

/** Changes one's study settings (the zone is checked and made canonical by the service's schema). */
export const PATCH = apiRoute(STUDY_STATS_ROUTES.updateSettings, async ({ user, body }) => ({
  settings: await updateStudySettings(user.id, studySettingsPatch.parse(body)),
}));
