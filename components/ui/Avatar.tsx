/** A round picture, or the name's first letter on a colour derived from the name. */
export function Avatar({ name, image, size = 36 }: { name: string; image: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.42 };
  if (image) {
    // eslint-disable-next-line @next/next/no-img-element -- profile images come from other hosts (Kakao)
    return <img src={image} alt="" style={style} className="shrink-0 rounded-full object-cover" />;
  }
  // FNV-1a over the name spreads similar names (김민지, 이준호) to distant hues.
  let hash = 0x811c9dc5;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  const hue = hash % 360;
  return (
    <span
      aria-hidden
      style={{ ...style, background: `hsl(${hue} 65% 52%)` }}
      className="inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white"
    >
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}
