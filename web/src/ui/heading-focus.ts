// After the page changes without a reload, screen-reader and keyboard users should land on the new page's
// heading, not stay on the link they pressed. A flag set by whatever changed the page, read once by the heading.
let focusRequested = false;

/** Asks the next page heading that appears to take the focus. */
export function requestHeadingFocus(): void {
  focusRequested = true;
}

/** Whether a heading should take the focus now; clears the request. */
export function takeHeadingFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}
