"use client";
import { useRef, useState } from "react";

const carriesFiles = (e: React.DragEvent) => e.dataTransfer.types.includes("Files");
/** A portal's content (the lightbox) bubbles here in React without being in the area. */
const outside = (e: React.DragEvent) => !e.currentTarget.contains(e.target as Node);

/**
 * Files dragged over an area and dropped in it (a text or link dragged from the page is left to
 * the browser). `dragging` stays true while the pointer crosses the area's children: enters and
 * leaves are counted, since each child entered fires a leave on the one before. Over a portal
 * opened from the area (the lightbox) files cannot be dropped, and the browser does not open
 * them in the tab instead.
 */
export function useFileDrop(onFiles: (files: FileList) => void) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const handlers = {
    onDragEnter(e: React.DragEvent) {
      if (!carriesFiles(e) || outside(e)) return;
      depth.current++;
      setDragging(true);
    },
    onDragOver(e: React.DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // without it, the drop does not happen here (the browser opens the file)
      e.dataTransfer.dropEffect = outside(e) ? "none" : "copy";
      if (!outside(e)) setDragging(true);
    },
    onDragLeave(e: React.DragEvent) {
      if (!carriesFiles(e) || outside(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(e: React.DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (outside(e)) return;
      depth.current = 0;
      setDragging(false);
      if (e.dataTransfer.files.length > 0) onFiles(e.dataTransfer.files);
    },
  };
  return { dragging, handlers };
}
