import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Networks capability; until it is built, it says what will be here. */
export function NetworksPage() {
  return <PlannedPage capability="networks" />;
}
