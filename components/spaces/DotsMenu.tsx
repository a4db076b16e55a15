"use client";
import { Ellipsis } from "lucide-react";
import { Menu } from "@/components/ui/Menu";

/** A "more" (three dots) button opening a menu of actions on one thing (a channel, a category, a member). */
export function DotsMenu({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  return (
    <Menu
      label={label}
      trigger={
        <button type="button" className={`flex shrink-0 items-center justify-center text-stone-500 hover:text-stone-900 ${className}`}>
          <Ellipsis size={16} aria-hidden="true" />
        </button>
      }
    >
      {children}
    </Menu>
  );
}
