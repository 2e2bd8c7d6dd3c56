import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Registry capability; until it is built, it says what will be here. */
export function RegistryPage() {
  return <PlannedPage capability="registry" />;
}
