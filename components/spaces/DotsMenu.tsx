"use client";
import { Menu } from "@/components/ui/Menu";

/** A "⋯" button opening a menu of actions on one thing (a channel, a category, a member). */
export function DotsMenu({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  return (
    <Menu
      label={label}
      trigger={
        <button type="button" className={`flex shrink-0 items-center justify-center text-stone-500 hover:text-stone-900 ${className}`}>
          <svg aria-hidden width="16" height="16" viewBox="0 0 24 24" fill="currentColor">
            <circle cx="5" cy="12" r="2" />
            <circle cx="12" cy="12" r="2" />
            <circle cx="19" cy="12" r="2" />
          </svg>
        </button>
      }
    >
      {children}
    </Menu>
  );
}
