import { Avatar } from "@/components/ui/Avatar";
import type { UserSummary } from "@/lib/realtime/contract";

/**
 * A conversation's picture: the other person for a dm, the group's photo, or a few of its
 * members stacked in one square (KakaoTalk's group avatar): two overlap corner to corner,
 * three or four share a grid.
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
  if (shown.length === 2) {
    const small = Math.round(size * 0.64);
    return (
      <span aria-hidden style={box} className="relative shrink-0">
        <span className="absolute top-0 left-0">
          <Avatar name={shown[0]!.name} image={shown[0]!.image} size={small} />
        </span>
        <span className="absolute right-0 bottom-0 rounded-full ring-2 ring-white">
          <Avatar name={shown[1]!.name} image={shown[1]!.image} size={small} />
        </span>
      </span>
    );
  }
  const cell = Math.floor(size / 2) - 1;
  return (
    <span aria-hidden style={box} className="grid shrink-0 grid-cols-2 place-items-center content-center gap-0.5 rounded-2xl">
      {shown.map((m, i) => (
        <span key={m.id} className={shown.length === 3 && i === 0 ? "col-span-2" : ""}>
          <Avatar name={m.name} image={m.image} size={cell} />
        </span>
      ))}
    </span>
  );
}
