import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { getStudyGroup, updateStudyGroup } from "@/server/services/study-groups";

/** The space as a study group: what its members see, and its owner's and admins' settings. */
export const GET = apiRoute(STUDY_ROUTES.group, async ({ user, params }) => getStudyGroup(user.id, params.spaceId!));
export const PATCH = apiRoute(STUDY_ROUTES.updateGroup, async ({ user, params, body }) => updateStudyGroup(user.id, params.spaceId!, body));
