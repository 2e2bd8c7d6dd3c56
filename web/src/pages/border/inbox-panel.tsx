import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Inbox, type InboxItem } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { dayIn } from "./border-words.ts";
import { borderWrite, errorText, useBorderApi } from "./use-border-api.ts";

const Answered = z.object({ id: z.string(), result: z.string() });

/** Questions other nations asked yours: answer yes for the candidate in your registry, or no. */
export function InboxPanel() {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useBorderApi("/verifications/inbox", Inbox);
  const askedAt = dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const day = (value: string | null | undefined) => (value ? dayIn(i18n.language, value) : "");
  const [problem, setProblem] = useState("");
  const answer = async (item: InboxItem, verified: boolean) => {
    try {
      const body = verified
        ? { fromNation: item.fromNation, result: "verified", personId: item.candidate?.personId }
        : { fromNation: item.fromNation, result: "not_found" };
      await borderWrite(`/verifications/${item.id}/answer`, "POST", body, Answered);
      setProblem("");
      reload();
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  if (error) return <p role="alert">{error}</p>;
  return (
    <section aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">{t("pages.border.inbox.title")}</h2>
      <p role="alert" className={problem ? "alert" : "alert-empty"}>
        {problem}
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("pages.border.inbox.from")}</th>
            <th scope="col">{t("pages.border.inbox.requested")}</th>
            <th scope="col">{t("pages.border.inbox.asOf")}</th>
            <th scope="col">{t("pages.border.inbox.status")}</th>
            <th scope="col">{t("pages.border.inbox.candidate")}</th>
            <th scope="col">{t("pages.border.inbox.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.requests.map((r) => (
            <tr key={r.id}>
              <th scope="row">{countryLabel(r.fromNation, i18n.language)}</th>
              <td>{askedAt.format(new Date(r.requestedAt))}</td>
              <td>{day(r.asOf)}</td>
              <td>{t(`pages.border.verification.status.${r.status}`)}</td>
              <td>
                {r.candidate
                  ? `${r.candidate.permitType ? t(`pages.registry.documentTypes.${r.candidate.permitType}`, { defaultValue: r.candidate.permitType }) : t("pages.border.inbox.noDocument", { day: day(r.asOf) })} ${day(r.candidate.validFrom)}–${day(r.candidate.validTo)} (${r.candidate.similarity})`
                  : ""}
              </td>
              <td>
                {r.status === "pending" && (
                  <>
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={!r.candidate?.permitType}
                      onClick={() => answer(r, true)}
                    >
                      {t("pages.border.inbox.yes")}
                    </button>{" "}
                    <button type="button" className="button-secondary" onClick={() => answer(r, false)}>
                      {t("pages.border.inbox.no")}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
