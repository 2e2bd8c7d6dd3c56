import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CaseList, CaseView } from "../../../../src/registry/cases.contract.ts";
import { CrossmatchAnswer } from "../../../../src/registry/crossmatch.contract.ts";
import { PersonView } from "../../../../src/registry/registry.contract.ts";
import { SubjectExport } from "../../../../src/registry/subject-export.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link, navigate } from "../../router.tsx";
import { PrintButton } from "../../ui/print-button.tsx";
import { RegistryHousehold } from "./registry-household.tsx";
import { RegistryPersonEdit } from "./registry-person-edit.tsx";
import { RegistryPersonErase } from "./registry-person-erase.tsx";
import { RegistryPersonProtection } from "./registry-person-protection.tsx";
import { RegistryPersonTimeline } from "./registry-person-timeline.tsx";
import { SexLabel } from "./sex-choice.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

const Created = z.object({ id: z.string() });

/** Fetches the person's whole record (an audited export) and hands it to the browser as a JSON file. */
async function downloadExport(id: string): Promise<void> {
  const exported = await apiRequest(`/registry/people/${id}/export`, { schema: SubjectExport });
  const blob = new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `person-${exported.person.id}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** One person: identity, documents, consent and cases; ask partners and request a referral from here. */
export function RegistryPerson({ id, permissions }: { id: string; permissions: Set<string> }) {
  const { t } = useTranslation();
  const { data: p, error, reload } = useLoad(`/registry/people/${id}`, PersonView);
  const cases = useLoad(permissions.has("case.read") ? `/registry/cases?personId=${id}` : null, CaseList);
  const [answer, setAnswer] = useState<z.infer<typeof CrossmatchAnswer> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const act = (fn: () => Promise<unknown>, done: string) => () =>
    fn()
      .then(() => {
        setMessage(done);
        reload();
      })
      .catch((e: unknown) => setMessage(messageOf(e)));
  if (error) return <div role="alert">{error}</div>;
  if (!p) return <p>{t("loading")}</p>;
  return (
    <section aria-labelledby="registry-person" className="printable">
      <h2 id="registry-person">{[...p.givenNames, ...p.surnames].join(" ")}</h2>
      <PrintButton />
      <dl>
        <dt>{t("pages.registry.fields.dob")}</dt>
        <dd>{p.birthDate ?? "—"}</dd>
        <dt>{t("pages.registry.fields.sex")}</dt>
        <dd>
          <SexLabel sex={p.sex} />
        </dd>
        <dt>{t("pages.registry.nationalities")}</dt>
        <dd>{p.nationalities.join(", ") || "—"}</dd>
        <dt>{t("pages.registry.fields.document")}</dt>
        <dd>
          {p.documents.length === 0
            ? "—"
            : p.documents.map((d) => (
                <div key={`${d.type}:${d.number}`}>
                  {t(`pages.registry.documentTypes.${d.type}`)}
                  {d.typeAsWritten ? ` (${d.typeAsWritten})` : ""} {d.number}
                  {d.issuingCountry ? ` · ${d.issuingCountry}` : ""}
                  {d.validFrom || d.expiry
                    ? ` · ${t("pages.registry.validity", { from: d.validFrom ?? "…", until: d.expiry ?? "…" })}`
                    : ""}
                </div>
              ))}
        </dd>
        <dt>{t("pages.registry.office")}</dt>
        <dd>{p.officeId ?? "—"}</dd>
        <dt>{t("pages.registry.vulnerabilities")}</dt>
        <dd>
          {p.vulnerabilities === null ? t("pages.registry.redacted") : p.vulnerabilities.join(", ") || "—"}
        </dd>
        <dt>{t("pages.registry.consent")}</dt>
        <dd>
          {p.consents
            .map(
              (c) =>
                `${t(`pages.agreements.purpose.${c.purpose}`, { defaultValue: c.purpose })}: ${t(c.given ? "pages.registry.consentState.given" : "pages.registry.consentState.withdrawn")}`,
            )
            .join(", ") || "—"}
        </dd>
      </dl>
      {p.mergedInto && (
        <p>
          {t("pages.registry.mergedInto")} <Link to={`/registry/people/${p.mergedInto}`}>{p.mergedInto}</Link>
        </p>
      )}
      <RegistryHousehold
        key={`household:${p.household?.id ?? "none"}`}
        person={p}
        permissions={permissions}
        onChanged={reload}
      />
      {permissions.has("person.write") && p.status === "active" && (
        <RegistryPersonEdit key={p.id} person={p} onSaved={reload} />
      )}
      {permissions.has("person.export") && (
        <button
          type="button"
          onClick={() =>
            downloadExport(id).then(
              () => setMessage(t("pages.registry.exported")),
              (e: unknown) => setMessage(messageOf(e)),
            )
          }
        >
          {t("pages.registry.exportRecord")}
        </button>
      )}
      {permissions.has("consent.manage") && (
        <button
          type="button"
          onClick={act(
            () =>
              apiRequest(`/registry/people/${id}/consents`, {
                method: "POST",
                body: { purpose: "cross_border_referral", given: true },
              }),
            t("pages.registry.consentRecorded"),
          )}
        >
          {t("pages.registry.recordConsent")}
        </button>
      )}
      {permissions.has("case.write") && (
        <button
          type="button"
          onClick={() =>
            apiRequest("/registry/cases", {
              method: "POST",
              body: { personId: id, type: "protection" },
              schema: CaseView,
            })
              .then((c) => navigate(`/registry/cases/${c.id}`))
              .catch((e: unknown) => setMessage(messageOf(e)))
          }
        >
          {t("pages.registry.openCase")}
        </button>
      )}
      {permissions.has("crossmatch.query") && (
        <button
          type="button"
          onClick={() =>
            apiRequest("/registry/crossmatch", {
              method: "POST",
              body: { personId: id },
              schema: CrossmatchAnswer,
            })
              .then(setAnswer)
              .catch((e: unknown) => setMessage(messageOf(e)))
          }
        >
          {t("pages.registry.askPartners")}
        </button>
      )}
      {answer && (
        <div>
          <p>
            {answer.holders.length > 0
              ? t("pages.registry.heldBy", { nations: answer.holders.join(", ") })
              : t("pages.registry.heldByNone", { count: answer.asked })}
          </p>
          {permissions.has("case.refer") &&
            answer.holders.map((nation) => (
              <button
                key={nation}
                type="button"
                onClick={act(
                  () =>
                    apiRequest("/registry/referrals", {
                      method: "POST",
                      body: {
                        personId: id,
                        partner: nation,
                        purpose: "cross_border_referral",
                        reason: "details requested for protection case",
                      },
                      schema: Created,
                    }),
                  t("pages.registry.referralSent"),
                )}
              >
                {t("pages.registry.requestReferral", { nation })}
              </button>
            ))}
        </div>
      )}
      <div role="alert">{message}</div>
      {cases.data && (
        <>
          <h3>{t("pages.registry.cases")}</h3>
          <ul>
            {cases.data.cases.map((c) => (
              <li key={c.id}>
                <Link to={`/registry/cases/${c.id}`}>
                  {`${c.reference} · ${t(`pages.registry.myCases.types.${c.type}`)} · ${t(`pages.registry.myCases.statuses.${c.status}`)}`}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.status === "active" && permissions.has("protection.read") && <RegistryPersonProtection id={p.id} />}
      {p.status === "active" && <RegistryPersonTimeline id={p.id} />}
      {permissions.has("person.erase") && (
        <RegistryPersonErase id={p.id} name={[...p.givenNames, ...p.surnames].join(" ")} />
      )}
    </section>
  );
}
