import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { getStudyStats } from "@/server/study/stats";

/** One's own study stats (server/study/stats.ts). */
export const GET = apiRoute(STUDY_STATS_ROUTES.getStats, async ({ user, query }) => ({
  stats: await getStudyStats(user.id, { heatmapDays: query.days, chart: query.chart }),
}));
