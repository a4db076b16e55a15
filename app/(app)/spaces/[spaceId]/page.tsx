import { notFound, redirect } from "next/navigation";
import { requirePageUser } from "@/server/page-user";
import { listMySpaces } from "@/server/services/spaces";

export default async function SpaceIndex({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const me = await requirePageUser();
  const space = (await listMySpaces(me.id)).find((s) => s.id === spaceId);
  if (!space?.defaultChannelId) notFound();
  redirect(`/spaces/${space.id}/${space.defaultChannelId}`);
}
