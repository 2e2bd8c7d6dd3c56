import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePath } from "../../router.tsx";
import { useSignedInUser } from "../../session.tsx";
import { NotAvailablePage } from "../../ui/not-available-page.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { tabsFor } from "../capabilities.ts";
import { ApprovalsPanel } from "./approvals-panel.tsx";
import { DispositionDashboard, ReturnsDashboard } from "./border-dashboards.tsx";
import { EncounterDetail } from "./encounter-detail.tsx";
import { EncounterForm } from "./encounter-form.tsx";
import { EncounterListPanel } from "./encounter-list.tsx";
import { InboxPanel } from "./inbox-panel.tsx";
import { MyQueuePanel } from "./my-approvals-panel.tsx";
import { OpenSafeguardsPanel } from "./safeguards-panel.tsx";

const TABS = [
  { name: "encounters", permission: "border.read" },
  { name: "record", permission: "border.record" },
  { name: "myQueue", permission: "border.approve" },
  { name: "approvals", permission: "border.approve" },
  { name: "dashboards", permission: "border.read" },
  { name: "inbox", permission: "verification.answer" },
] as const;
type Tab = (typeof TABS)[number]["name"];

/** Border processing: encounters, one encounter's assessment and decision, dashboards, the partner inbox. */
export function BorderPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const path = usePath();
  const match = /^\/border\/encounters\/([0-9a-f-]{36})$/.exec(path);
  if (match?.[1] && !user.permissions.includes("border.read"))
    return <NotAvailablePage title={t("pages.border.title")} />;
  if (match?.[1]) return <EncounterDetail id={match[1]} />;
  return <BorderHome />;
}

function BorderHome() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const tabs = tabsFor(TABS, user.permissions).map((entry) => entry.name);
  const [chosen, setTab] = useState<Tab | null>(null);
  const tab = chosen !== null && tabs.includes(chosen) ? chosen : tabs[0];
  return (
    <>
      <PageHeading title={t("pages.border.title")} />
      <div role="tablist" aria-label={t("pages.border.title")}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`pages.border.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "encounters" && <EncounterListPanel />}
        {tab === "record" && <EncounterForm />}
        {tab === "dashboards" && (
          <>
            <DispositionDashboard />
            <ReturnsDashboard />
          </>
        )}
        {tab === "approvals" && (
          <>
            <ApprovalsPanel />
            <OpenSafeguardsPanel />
          </>
        )}
        {tab === "myQueue" && <MyQueuePanel />}
        {tab === "inbox" && <InboxPanel />}
      </div>
    </>
  );
}
