import { type RefObject, useEffect } from "react";

/**
 * On a narrow screen a wide table scrolls inside its own box (styles.css). A box that scrolls must be reachable
 * by keyboard, so each table that overflows its box gets a place in the tab order (and loses it when it fits
 * again): watched on every change of the content and of the window's width.
 */
export function useScrollableTables(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const mark = () => {
      for (const table of Array.from(root.querySelectorAll("table"))) {
        const scrolls = table.scrollWidth > table.clientWidth + 1;
        if (scrolls && table.tabIndex !== 0) table.tabIndex = 0;
        if (!scrolls && table.hasAttribute("tabindex")) table.removeAttribute("tabindex");
      }
    };
    let pending = 0;
    const soon = () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(mark);
    };
    const changes = new MutationObserver(soon);
    changes.observe(root, { childList: true, subtree: true, characterData: true });
    const sizes = new ResizeObserver(soon);
    sizes.observe(root);
    mark();
    return () => {
      cancelAnimationFrame(pending);
      changes.disconnect();
      sizes.disconnect();
    };
  }, [container]);
}
