import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Placement capability; until it is built, it says what will be here. */
export function PlacementPage() {
  return <PlannedPage capability="placement" />;
}
