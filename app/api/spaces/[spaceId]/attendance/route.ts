import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { getAttendance } from "@/server/study/attendance";

/** Attendance at the space's scheduled sessions, for its members (server/study/attendance.ts). */
export const GET = apiRoute(STUDY_STATS_ROUTES.getAttendance, async ({ user, params }) => ({
  attendance: await getAttendance(user.id, params.spaceId!),
}));
