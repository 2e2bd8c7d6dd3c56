import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Pathways capability; until it is built, it says what will be here. */
export function PathwaysPage() {
  return <PlannedPage capability="pathways" />;
}
