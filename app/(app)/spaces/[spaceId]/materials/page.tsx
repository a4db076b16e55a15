import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { spacePageData } from "@/server/page-space";
import { requirePageUser } from "@/server/page-user";
import { listMaterials } from "@/server/services/materials";

/** The space's study materials, in place of a channel (the channel list and members stay). */
export default async function MaterialsPage({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const me = await requirePageUser();
  const { screen, page: materials } = await spacePageData(me, spaceId, () => listMaterials(me.id, spaceId));
  return <SpaceScreen {...screen} channel={null} materials={materials} />;
}
