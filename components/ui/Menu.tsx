"use client";
import * as RadixMenu from "@radix-ui/react-dropdown-menu";

/** An accessible dropdown menu (Radix): keyboard navigation, Escape to close, focus return. */
export function Menu({ trigger, label, children }: { trigger: React.ReactNode; label: string; children: React.ReactNode }) {
  return (
    <RadixMenu.Root>
      <RadixMenu.Trigger asChild aria-label={label}>
        {trigger}
      </RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-44 rounded-xl border border-stone-200 bg-white p-1 text-sm shadow-lg"
        >
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

export function MenuItem({ onSelect, danger = false, children }: { onSelect: () => void; danger?: boolean; children: React.ReactNode }) {
  return (
    <RadixMenu.Item
      onSelect={onSelect}
      className={`cursor-pointer rounded-lg px-3 py-2 outline-none select-none data-highlighted:bg-stone-100 ${
        danger ? "text-red-600 data-highlighted:bg-red-50" : "text-stone-800"
      }`}
    >
      {children}
    </RadixMenu.Item>
  );
}

export const MenuSeparator = () => <RadixMenu.Separator className="my-1 h-px bg-stone-200" />;
