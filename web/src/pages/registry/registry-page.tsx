import { useTranslation } from "react-i18next";
import { Link, usePath } from "../../router.tsx";
import { useSession } from "../../session.tsx";
import { NotAvailablePage } from "../../ui/not-available-page.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { tabsFor } from "../capabilities.ts";
import { RegistryCase } from "./registry-case.tsx";
import { RegistryCreate } from "./registry-create.tsx";
import { RegistryCrossmatch } from "./registry-crossmatch.tsx";
import { RegistryMyCases } from "./registry-my-cases.tsx";
import { RegistryPerson } from "./registry-person.tsx";
import { RegistryReview } from "./registry-review.tsx";
import { RegistrySearch } from "./registry-search.tsx";

const tabs = [
  { path: "/registry", key: "search", permission: "person.read" },
  { path: "/registry/my-cases", key: "myCases", permission: "case.read" },
  { path: "/registry/new", key: "create", permission: "person.write" },
  { path: "/registry/review", key: "review", permission: "person.merge" },
  { path: "/registry/referrals", key: "referrals", permission: null },
] as const;

/** The registry: search, my cases, register (with live duplicate hints), person, case, review queue, cross-nation referrals. */
export function RegistryPage() {
  const { t } = useTranslation();
  const path = usePath();
  const session = useSession();
  const granted = session.state.status === "signed-in" ? session.state.user.permissions : [];
  const permissions = new Set(granted);
  const shown = tabsFor(tabs, granted);
  const person = /^\/registry\/people\/([\w-]+)$/.exec(path)?.[1];
  const caseId = /^\/registry\/cases\/([\w-]+)$/.exec(path)?.[1];
  // The section opens on the first tab the user's roles allow; a tab's own address they do not allow says so.
  const asked = path === "/registry" ? undefined : tabs.find((tab) => tab.path === path);
  if (asked && !shown.includes(asked))
    return <NotAvailablePage title={t(`pages.registry.tabs.${asked.key}`)} />;
  if ((person && !permissions.has("person.read")) || (caseId && !permissions.has("case.read")))
    return <NotAvailablePage title={t(person ? "pages.registry.person" : "pages.registry.case")} />;
  const current = asked ?? shown[0] ?? tabs[4];
  const title = person
    ? t("pages.registry.person")
    : caseId
      ? t("pages.registry.case")
      : t(`pages.registry.tabs.${current.key}`);
  return (
    <>
      <PageHeading title={`${t("pages.registry.title")}: ${title}`} />
      <nav aria-label={t("pages.registry.tabsLabel")}>
        <ul style={{ display: "flex", gap: "1rem", listStyle: "none", padding: 0 }}>
          {shown.map((tab) => (
            <li key={tab.key}>
              <Link to={tab.path} aria-current={!person && !caseId && tab === current ? "page" : undefined}>
                {t(`pages.registry.tabs.${tab.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {person && <RegistryPerson id={person} permissions={permissions} />}
      {caseId && <RegistryCase id={caseId} />}
      {!person && !caseId && current.key === "search" && <RegistrySearch />}
      {!person && !caseId && current.key === "myCases" && <RegistryMyCases />}
      {!person && !caseId && current.key === "create" && <RegistryCreate />}
      {!person && !caseId && current.key === "review" && <RegistryReview />}
      {!person && !caseId && current.key === "referrals" && <RegistryCrossmatch permissions={permissions} />}
    </>
  );
}
