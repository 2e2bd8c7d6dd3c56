import { PlannedPage } from "../../ui/planned-page.tsx";

/** The Audit capability; until it is built, it says what will be here. */
export function AuditPage() {
  return <PlannedPage capability="audit" />;
}
