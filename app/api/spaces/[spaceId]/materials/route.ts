import { MATERIAL_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listMaterials } from "@/server/services/materials";

/** A page of the space's study materials, as the asker may see them. */
export const GET = apiRoute(MATERIAL_ROUTES.listMaterials, async ({ user, params, query }) =>
  listMaterials(user.id, params.spaceId!, { before: query.before, limit: query.limit }),
);
