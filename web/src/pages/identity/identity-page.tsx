import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Identity capability; until it is built, it says what will be here. */
export function IdentityPage() {
  return <PlannedPage capability="identity" />;
}
