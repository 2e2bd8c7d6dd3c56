/**
 * Resolves on the event loop's next turn, after pending I/O and timers. Long work that awaits only promises that
 * are already settled (PGlite answers in the same thread, so its queries never leave the microtask queue) calls
 * this between steps, so other requests are served while it runs.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
