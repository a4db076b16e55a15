/** A space's icon: its uploaded image, else its first letter on the brand colour. */
export function SpaceIcon({
  name,
  icon,
  size = 48,
  className = "rounded-2xl",
}: {
  name: string;
  icon: string | null | undefined;
  size?: number;
  className?: string;
}) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (icon) {
    // eslint-disable-next-line @next/next/no-img-element -- an upload served by /api/files
    return <img src={icon} alt="" style={style} className={`shrink-0 object-cover ${className}`} data-testid="space-icon" />;
  }
  return (
    <span
      aria-hidden
      style={style}
      className={`inline-flex shrink-0 items-center justify-center bg-brand-500 font-bold text-white ${className}`}
    >
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}
