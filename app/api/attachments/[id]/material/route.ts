import { MATERIAL_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { markMaterial, materialStatus, unmarkMaterial } from "@/server/services/materials";

/** A chat file as a study material of its space: whether it is one, pin it, unpin it. */
export const GET = apiRoute(MATERIAL_ROUTES.materialStatus, async ({ user, params }) => materialStatus(user.id, params.id!));
export const POST = apiRoute(MATERIAL_ROUTES.markMaterial, async ({ user, params }) => markMaterial(user.id, params.id!));
export const DELETE = apiRoute(MATERIAL_ROUTES.unmarkMaterial, async ({ user, params }) => unmarkMaterial(user.id, params.id!));
