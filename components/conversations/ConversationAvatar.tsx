import { Avatar } from "@/components/ui/Avatar";
import type { UserSummary } from "@/lib/realtime/contract";

/**
 * A conversation's picture: the other person for a dm, the group's photo, or up to four of
 * its members in a grid (KakaoTalk's stacked avatars).
 */
export function ConversationAvatar({
  kind,
  name,
  image,
  members,
  size = 48,
}: {
  kind: "dm" | "group";
  name: string;
  image: string | null;
  members: UserSummary[];
  size?: number;
}) {
  if (kind === "dm") return <Avatar name={name} image={image} size={size} />;
  const box = { width: size, height: size };
  if (image) {
    // eslint-disable-next-line @next/next/no-img-element -- an uploaded group photo
    return <img src={image} alt="" style={box} className="shrink-0 rounded-2xl object-cover" />;
  }
  const shown = members.slice(0, 4);
  if (shown.length <= 1) return <Avatar name={shown[0]?.name ?? name} image={shown[0]?.image ?? null} size={size} />;
  const cell = Math.floor(size / 2) - 1;
  return (
    <span aria-hidden style={box} className="grid shrink-0 grid-cols-2 place-items-center gap-0.5 rounded-2xl bg-stone-100 p-px">
      {shown.map((m, i) => (
        <span key={m.id} className={shown.length === 3 && i === 0 ? "col-span-2" : ""}>
          <Avatar name={m.name} image={m.image} size={cell} />
        </span>
      ))}
    </span>
  );
}
