import { notFound } from "next/navigation";
import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/server/config";
import { requirePageUser } from "@/server/page-user";
import { listBlockedIds } from "@/server/services/access";
import { listMaterials } from "@/server/services/materials";
import { readStates } from "@/server/services/reads";
import { getSpaceView, listMySpaces } from "@/server/services/spaces";

/** The space's study materials, in place of a channel (the channel list and members stay). */
export default async function MaterialsPage({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const me = await requirePageUser();
  const view = await getSpaceView(me.id, spaceId).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "forbidden" || err.code === "not_found")) notFound();
    throw err;
  });
  const [spaces, reads, blockedIds, materials] = await Promise.all([
    listMySpaces(me.id),
    readStates(me.id, spaceId),
    listBlockedIds(me.id),
    listMaterials(me.id, spaceId),
  ]);
  return (
    <SpaceScreen
      me={me}
      view={view}
      channel={null}
      spaces={spaces}
      readStates={reads}
      blockedIds={blockedIds}
      videoRoomCap={getConfig().videoRoomCap}
      materials={materials}
    />
  );
}
