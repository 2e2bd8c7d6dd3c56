import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePath } from "../../router.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { ApprovalsPanel } from "./approvals-panel.tsx";
import { DispositionDashboard, ReturnsDashboard } from "./border-dashboards.tsx";
import { EncounterDetail } from "./encounter-detail.tsx";
import { EncounterForm } from "./encounter-form.tsx";
import { EncounterListPanel } from "./encounter-list.tsx";
import { InboxPanel } from "./inbox-panel.tsx";
import { OpenSafeguardsPanel } from "./safeguards-panel.tsx";

const TABS = ["encounters", "record", "approvals", "dashboards", "inbox"] as const;
type Tab = (typeof TABS)[number];

/** Border processing: encounters, one encounter's assessment and decision, dashboards, the partner inbox. */
export function BorderPage() {
  const path = usePath();
  const match = /^\/border\/encounters\/([0-9a-f-]{36})$/.exec(path);
  if (match?.[1]) return <EncounterDetail id={match[1]} />;
  return <BorderHome />;
}

function BorderHome() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("encounters");
  return (
    <>
      <PageHeading title={t("pages.border.title")} />
      <div role="tablist" aria-label={t("pages.border.title")}>
        {TABS.map((name) => (
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
        {tab === "inbox" && <InboxPanel />}
      </div>
    </>
  );
}
