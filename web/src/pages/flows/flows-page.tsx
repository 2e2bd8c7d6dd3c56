import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Flows capability; until it is built, it says what will be here. */
export function FlowsPage() {
  return <PlannedPage capability="flows" />;
}
