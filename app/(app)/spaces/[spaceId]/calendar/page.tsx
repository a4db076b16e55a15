import { getTranslations } from "next-intl/server";
import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { spacePageData } from "@/server/page-space";
import { requirePageUser } from "@/server/page-user";

export async function generateMetadata() {
  return { title: (await getTranslations("calendar"))("title") };
}

/** The space's shared calendar, in place of a channel (the channel list and members stay). */
export default async function SpaceCalendarPage({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const me = await requirePageUser();
  const { screen } = await spacePageData(me, spaceId, async () => null);
  return <SpaceScreen {...screen} channel={null} calendar={{ nowMs: Date.now() }} />;
}
