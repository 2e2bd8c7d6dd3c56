import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ApplicationRegistryView,
  RegistryCandidates,
  RegistryLinkResult,
} from "../../../../src/pathways/registry-link.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { specificNeedOf } from "../../../../src/shared/specific-needs.ts";
import { apiRequest } from "../../api.ts";
import { Link } from "../../router.tsx";
import { useSignedInUser } from "../../session.tsx";
import { matchReasonText } from "../../ui/match-reason.ts";
import { needLabel } from "../../ui/need-label.ts";
import { useApi } from "./use-api.ts";

/**
 * The application's registry side: the linked person, the applicant's consent and the household; for an
 * application not yet linked, "Find in registry" with the candidates and their reasons, "Link" and "Register as
 * new person" (for an officer who decides applications and may read people).
 */
export function RegistryPanel({ id, live, onChange }: { id: string; live: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const when = dateFormat(i18n.language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const at = (iso: string) => `${when.format(new Date(iso))} UTC`;
  const { data, error, reload } = useApi(`/pathways/applications/${id}/registry`, ApplicationRegistryView);
  const [found, setFound] = useState<RegistryCandidates | null>(null);
  const [message, setMessage] = useState("");
  const [overrideReason, setOverrideReason] = useState("");
  const mayMatch =
    live && user.permissions.includes("application.decide") && user.permissions.includes("person.read");
  const run = async (call: () => Promise<unknown>) => {
    setMessage("");
    try {
      await call();
      setFound(null);
      setMessage(t("pages.pathways.registry.linked"));
      reload();
      onChange();
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  const find = async () => {
    setMessage("");
    try {
      setFound(
        await apiRequest(`/pathways/applications/${id}/registry-candidates`, { schema: RegistryCandidates }),
      );
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  const link = (personId: string) =>
    run(() =>
      apiRequest(`/pathways/applications/${id}/registry-link`, {
        method: "POST",
        body: { personId },
        schema: RegistryLinkResult,
      }),
    );
  const register = () =>
    run(() =>
      apiRequest(`/pathways/applications/${id}/registry-person`, {
        method: "POST",
        body: overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {},
        schema: RegistryLinkResult,
      }),
    );
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const linkedName = data.household?.members.find((m) => m.personId === data.personId)?.name ?? null;
  return (
    <section aria-labelledby="registry-title" data-testid="application-registry">
      <h3 id="registry-title">{t("pages.pathways.registry.title")}</h3>
      <p role="status">{message}</p>
      <p data-testid="registry-consent">
        {data.consent.givenAt === null
          ? t("pages.pathways.registry.noPortalConsent")
          : data.consent.recordedAt !== null
            ? t("pages.pathways.registry.consentRecorded", { at: at(data.consent.givenAt) })
            : t("pages.pathways.registry.consentGiven", { at: at(data.consent.givenAt) })}
      </p>
      {data.personId === null ? (
        <>
          <p>{t("pages.pathways.registry.notLinked")}</p>
          {mayMatch && (
            <button type="button" onClick={find}>
              {t("pages.pathways.registry.find")}
            </button>
          )}
        </>
      ) : (
        <>
          <p data-testid="linked-person">
            {t("pages.pathways.registry.person")}:{" "}
            {user.permissions.includes("person.read") ? (
              <Link to={`/registry/people/${data.personId}`}>
                {linkedName ?? t("pages.pathways.registry.openPerson")}
              </Link>
            ) : (
              (linkedName ?? t("pages.pathways.registry.linkedNoName"))
            )}
            {data.linkedAt ? ` · ${at(data.linkedAt)}` : ""}
          </p>
          {data.household && (
            <table data-testid="household">
              <caption>
                {data.household.id === null
                  ? t("pages.pathways.registry.householdOfOne")
                  : t("pages.pathways.registry.household")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("pages.pathways.registry.member")}</th>
                  <th scope="col">{t("pages.pathways.registry.relationship")}</th>
                  <th scope="col">{t("pages.pathways.registry.needs")}</th>
                </tr>
              </thead>
              <tbody>
                {data.household.members.map((m) => (
                  <tr key={m.personId}>
                    <th scope="row">{m.name ?? t("pages.pathways.registry.nameNotShown")}</th>
                    <td>
                      {t(`pages.registry.household.relationships.${m.relationship}`, {
                        defaultValue: m.relationship,
                      })}
                    </td>
                    <td>
                      {m.specificNeeds
                        .map((need) => {
                          const known = specificNeedOf(need);
                          return known ? needLabel(known, i18n.language) : need;
                        })
                        .join(", ") || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {found && data.personId === null && (
        <div data-testid="registry-candidates">
          <p>
            {t("pages.pathways.registry.proposed")}:{" "}
            {[...found.proposed.givenNames, ...found.proposed.surnames].join(" ")}
            {found.proposed.birthDate ? ` · ${found.proposed.birthDate}` : ""}
            {found.proposed.nationalities.length ? ` · ${found.proposed.nationalities.join(", ")}` : ""}
          </p>
          {found.candidates.length === 0 ? (
            <p>{t("pages.pathways.registry.none")}</p>
          ) : (
            <ul>
              {found.candidates.map((c) => (
                <li key={c.id}>
                  <strong>{c.name ?? t("pages.pathways.registry.nameNotShown")}</strong> {c.birthDate ?? ""} ·{" "}
                  {t(`pages.registry.bands.${c.band}`)} ({Math.round(c.score * 100)}%) ·{" "}
                  {c.reasons.map((r) => matchReasonText(r, t)).join(", ")}{" "}
                  <button type="button" onClick={() => link(c.id)}>
                    {t("pages.pathways.registry.link")}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {found.candidates.length > 0 && (
            <>
              <label htmlFor="registry-override">{t("pages.pathways.registry.overrideReason")}</label>
              <input
                id="registry-override"
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
              />
            </>
          )}
          <button type="button" onClick={register}>
            {t("pages.pathways.registry.register")}
          </button>
        </div>
      )}
    </section>
  );
}
