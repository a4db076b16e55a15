/** A round picture, or the name's first letter on a colour derived from the name. */
export function Avatar({ name, image, size = 36 }: { name: string; image: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.42 };
  if (image) {
    // eslint-disable-next-line @next/next/no-img-element -- profile images come from other hosts (Kakao)
    return <img src={image} alt="" style={style} className="shrink-0 rounded-full object-cover" />;
  }
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
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
