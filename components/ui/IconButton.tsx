/** A small square button that shows only an icon: its label is its accessible name and tooltip. */
export function IconButton({
  label,
  onClick,
  className,
  children,
}: {
  label: string;
  onClick: () => void;
  /** Size and colours (the button is a flex box that centres its icon). */
  className: string;
  children: React.ReactNode;
}) {
  return (
    <button type="button" aria-label={label} title={label} onClick={onClick} className={`flex items-center justify-center rounded ${className}`}>
      {children}
    </button>
  );
}
