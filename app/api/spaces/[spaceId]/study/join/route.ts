import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { joinStudyGroup } from "@/server/services/study-requests";

/** Joins a listed study group that admits directly. */
export const POST = apiRoute(STUDY_ROUTES.join, async ({ user, params }) => joinStudyGroup(user.id, params.spaceId!));
