/** Icons of the chat screens (inline SVG, currentColor). */
const base = {
  "aria-hidden": true,
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
} as const;

export function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 24 24">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0" />
    </svg>
  );
}

export function BellOffIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...base} width={size} height={size} viewBox="0 0 24 24">
      <path d="M8.7 3A6 6 0 0 1 18 8c0 2.7.5 4.6 1 6M17 17H3s3-2 3-9c0-.7.1-1.4.4-2M10.3 21a1.9 1.9 0 0 0 3.4 0M2 2l20 20" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...base} width={22} height={22} viewBox="0 0 24 24">
      <path d="M15 18l-6-6 6-6" />
    </svg>
  );
}

export function PeopleIcon() {
  return (
    <svg {...base} width={20} height={20} viewBox="0 0 24 24">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.7c2 .8 3.1 2.6 3.5 5.3" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg aria-hidden width={18} height={18} viewBox="0 0 24 24" fill="currentColor">
      <circle cx="5" cy="12" r="1.8" />
      <circle cx="12" cy="12" r="1.8" />
      <circle cx="19" cy="12" r="1.8" />
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg {...base} width={22} height={22} viewBox="0 0 24 24">
      <path d="M4 7h3l2-3h6l2 3h3a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1Z" />
      <circle cx="12" cy="13" r="3.5" />
    </svg>
  );
}

export function ChatBubbleIcon({ size = 48 }: { size?: number }) {
  return (
    <svg aria-hidden width={size} height={size} viewBox="0 0 24 24" fill="currentColor">
      <path d="M12 3C6.5 3 2 6.6 2 11c0 2.6 1.6 4.9 4 6.4L5.2 21l4.1-2.4c.9.2 1.8.3 2.7.3 5.5 0 10-3.6 10-8S17.5 3 12 3Z" />
    </svg>
  );
}

export function ComposeIcon() {
  return (
    <svg {...base} width={18} height={18} viewBox="0 0 24 24">
      <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
    </svg>
  );
}
