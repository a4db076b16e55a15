"use client";
import { cloneElement, isValidElement, useState, type ComponentProps, type ReactElement } from "react";

/**
 * An accessible dropdown menu (Radix): keyboard navigation, Escape to close, focus return.
 * Radix and its positioning layer are a chunk of their own (./MenuParts): until a trigger is
 * first pressed it is a plain button with the same attributes Radix gives a closed trigger, and
 * hovering or focusing it fetches the chunk so the first open is immediate.
 */
type Parts = typeof import("./MenuParts");
let parts: Parts | null = null;
let loading: Promise<Parts> | null = null;
const loadParts = () => (loading ??= import("./MenuParts").then((m) => (parts = m)));

/** How a menu was first opened: the key pressed on its trigger, or null for a pointer press. */
export type MenuOpening = { key: string | null };

const OPEN_KEYS = ["Enter", " ", "ArrowDown"];

export function Menu({ trigger, label, children }: { trigger: React.ReactNode; label: string; children: React.ReactNode }) {
  const [opening, setOpening] = useState<MenuOpening | null>(null);
  if (opening && parts)
    return (
      <parts.MenuRoot trigger={trigger} label={label} opening={opening}>
        {children}
      </parts.MenuRoot>
    );
  if (!isValidElement(trigger)) throw new Error("a menu's trigger is one element");
  const open = (how: MenuOpening) => void loadParts().then(() => setOpening(how));
  return cloneElement(trigger as ReactElement<Record<string, unknown>>, {
    "aria-label": label,
    "aria-haspopup": "menu",
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: () => void loadParts(),
    onFocus: () => void loadParts(),
    onPointerDown: (e: React.PointerEvent) => {
      // as Radix's trigger: the main button without Ctrl, and the press does not focus the trigger
      if (e.button !== 0 || e.ctrlKey) return;
      e.preventDefault();
      open({ key: null });
    },
    onKeyDown: (e: React.KeyboardEvent) => {
      if (!OPEN_KEYS.includes(e.key)) return;
      e.preventDefault();
      open({ key: e.key });
    },
  });
}

/** The parts below render only inside an open menu, so the chunk is there by then. */
function loaded(): Parts {
  if (!parts) throw new Error("menu items render only inside an open menu");
  return parts;
}

export function MenuItem(props: ComponentProps<Parts["MenuItem"]>) {
  const { MenuItem } = loaded();
  return <MenuItem {...props} />;
}

export function MenuSeparator() {
  const { MenuSeparator } = loaded();
  return <MenuSeparator />;
}

export function MenuLabel(props: ComponentProps<Parts["MenuLabel"]>) {
  const { MenuLabel } = loaded();
  return <MenuLabel {...props} />;
}

export function MenuCheckboxItem(props: ComponentProps<Parts["MenuCheckboxItem"]>) {
  const { MenuCheckboxItem } = loaded();
  return <MenuCheckboxItem {...props} />;
}

export function MenuRadioGroup(props: ComponentProps<Parts["MenuRadioGroup"]>) {
  const { MenuRadioGroup } = loaded();
  return <MenuRadioGroup {...props} />;
}
