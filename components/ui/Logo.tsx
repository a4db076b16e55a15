export function Logo({ size = 40 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{ width: size, height: size, fontSize: size * 0.5 }}
      className="inline-flex items-center justify-center rounded-2xl bg-brand-500 font-extrabold text-white shadow-sm"
    >
      모
    </span>
  );
}
