"use client";
import * as RadixMenu from "@radix-ui/react-dropdown-menu";
import { Check } from "lucide-react";
import { useEffect, useRef } from "react";
import type { MenuOpening } from "./Menu";

/**
 * The Radix dropdown behind `Menu`, loaded on the first press of a menu's trigger. It opens as
 * Radix would have: a pointer press opens it with focus on the menu; a key (Enter, Space,
 * ArrowDown) is handed to Radix's trigger again so the first item takes focus.
 */
export function MenuRoot({
  trigger,
  label,
  opening,
  children,
}: {
  trigger: React.ReactNode;
  label: string;
  opening: MenuOpening;
  children: React.ReactNode;
}) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const replayed = useRef(false);
  useEffect(() => {
    const el = triggerRef.current;
    if (opening.key === null || replayed.current || !el) return;
    replayed.current = true;
    el.focus();
    el.dispatchEvent(new KeyboardEvent("keydown", { key: opening.key, bubbles: true, cancelable: true }));
  }, [opening.key]);
  return (
    <RadixMenu.Root defaultOpen={opening.key === null}>
      <RadixMenu.Trigger ref={triggerRef} asChild aria-label={label}>
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

export const MenuLabel = RadixMenu.Label;

export const MenuCheckboxItem = RadixMenu.CheckboxItem;

/** A group of mutually exclusive choices inside a menu (a checked one shows a tick). */
export function MenuRadioGroup({
  label,
  value,
  onValueChange,
  options,
}: {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly { value: string; label: string; icon?: React.ReactNode }[];
}) {
  return (
    <RadixMenu.Group aria-label={label}>
      <RadixMenu.Label className="px-3 pt-2 pb-1 text-xs font-semibold text-stone-500">{label}</RadixMenu.Label>
      <RadixMenu.RadioGroup value={value} onValueChange={onValueChange}>
        {options.map((option) => (
          <RadixMenu.RadioItem
            key={option.value}
            value={option.value}
            onSelect={(e) => e.preventDefault()}
            className="flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-stone-800 outline-none select-none data-highlighted:bg-stone-100"
          >
            <span className="text-stone-500" aria-hidden="true">
              {option.icon}
            </span>
            <span className="flex-1">{option.label}</span>
            <RadixMenu.ItemIndicator>
              <Check size={16} aria-hidden="true" className="text-brand-600" />
            </RadixMenu.ItemIndicator>
          </RadixMenu.RadioItem>
        ))}
      </RadixMenu.RadioGroup>
    </RadixMenu.Group>
  );
}
