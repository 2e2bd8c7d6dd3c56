import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Border capability; until it is built, it says what will be here. */
export function BorderPage() {
  return <PlannedPage capability="border" />;
}
