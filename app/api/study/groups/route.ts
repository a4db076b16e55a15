import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listDirectory } from "@/server/services/study-groups";

/** The directory of listed study groups, as cards. */
export const GET = apiRoute(STUDY_ROUTES.directory, async ({ user, query }) => listDirectory(user.id, query));
