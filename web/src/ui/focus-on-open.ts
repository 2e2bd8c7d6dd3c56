import { type RefObject, useEffect, useRef } from "react";

/**
 * A detail opened from a list (an application from the queue) appears where the user is looking: once its
 * content is there, its heading is scrolled into view and takes the focus, so keyboard and screen-reader users
 * land on it too. Once per record opened (`key`): a reload after an action leaves the focus where it is.
 */
export function useFocusOnOpen(heading: RefObject<HTMLElement | null>, key: string, ready: boolean): void {
  const focused = useRef<string | null>(null);
  useEffect(() => {
    const element = heading.current;
    if (!ready || !element || focused.current === key) return;
    focused.current = key;
    element.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  }, [heading, key, ready]);
}
