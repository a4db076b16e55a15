"use client";
import { useEffect, useRef, useState } from "react";
import { useZonedFormat } from "@/components/ui/useZonedFormat";

const LONG_PRESS_MS = 500;

/** "2026년 12월 1일 화요일 오후 5:54" / "Tuesday, December 1, 2026 at 5:54 PM", in the reader's zone. */
export function useFullTime(): (iso: string) => string {
  const format = useZonedFormat();
  return (iso) => format(new Date(iso), { dateStyle: "full", timeStyle: "short" });
}

/**
 * A message's time ("오후 5:54"), in the reader's zone (the zone next-intl was given in
 * i18n/request.ts). The full date and time shows on hover (title), and on a long press on
 * touch screens, where there is no hover: the press is kept from the row, whose own long press
 * opens the message's actions.
 */
export function MessageTime({ iso, className = "" }: { iso: string; className?: string }) {
  const format = useZonedFormat();
  const full = useFullTime()(iso);
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const touched = useRef(false);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    const hide = setTimeout(close, 4000);
    document.addEventListener("pointerdown", close);
    return () => {
      clearTimeout(hide);
      document.removeEventListener("pointerdown", close);
    };
  }, [open]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const cancel = () => clearTimeout(timer.current);
  return (
    <time
      dateTime={iso}
      title={full}
      className={`relative ${className}`}
      data-testid="message-time"
      onPointerDown={(e) => {
        touched.current = e.pointerType === "touch";
        if (!touched.current) return;
        e.stopPropagation();
        cancel();
        timer.current = setTimeout(() => setOpen(true), LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerCancel={cancel}
      onPointerLeave={cancel}
      onContextMenu={(e) => {
        // Android's long press: the full time instead of the browser's menu or the row's sheet.
        if (!touched.current) return;
        e.preventDefault();
        e.stopPropagation();
        setOpen(true);
      }}
    >
      {format(new Date(iso), { hour: "numeric", minute: "2-digit" })}
      {open && (
        <span
          role="tooltip"
          className="absolute bottom-full left-0 z-20 mb-1 block rounded-md bg-stone-900 px-2 py-1 text-xs whitespace-nowrap text-white shadow-lg"
          data-testid="message-time-full"
        >
          {full}
        </span>
      )}
    </time>
  );
}
