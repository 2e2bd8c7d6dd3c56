import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ReferralList, type ReferralView } from "../../../../src/registry/crossmatch.contract.ts";
import { ApiError, apiRequest } from "../../api.ts";
import { Link } from "../../router.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

/** The holding nation's own record a refusal points at: the person whose consent is missing. */
function recordToFix(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const details = e.details as { reason?: string; params?: { personId?: string } } | null | undefined;
  return details?.reason === "consent_missing" && details.params?.personId ? details.params.personId : null;
}

function ReferralTable({
  rows,
  caption,
  onDecide,
}: {
  rows: ReferralView[];
  caption: string;
  onDecide?: (id: string, d: "accept" | "reject" | "revoke") => void;
}) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.registry.partner")}</th>
          <th scope="col">{t("pages.registry.purpose")}</th>
          <th scope="col">{t("pages.registry.status")}</th>
          <th scope="col">{t("pages.registry.shared")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.partner}</td>
            <td>{t(`pages.agreements.purpose.${r.purpose}`, { defaultValue: r.purpose })}</td>
            <td>{t(`pages.registry.referralStatus.${r.status}`, { defaultValue: r.status })}</td>
            <td>
              {r.shared ? [...(r.shared.givenNames ?? []), ...(r.shared.surnames ?? [])].join(" ") : ""}
              {onDecide && r.status === "pending" && (
                <>
                  <button type="button" onClick={() => onDecide(r.id, "accept")}>
                    {t("pages.registry.accept")}
                  </button>
                  <button type="button" onClick={() => onDecide(r.id, "reject")}>
                    {t("pages.registry.reject")}
                  </button>
                </>
              )}
              {onDecide && r.status === "accepted" && (
                <button type="button" onClick={() => onDecide(r.id, "revoke")}>
                  {t("pages.registry.revoke")}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Referrals across nations: the ones asked for, and the ones partners asked this nation for (to decide). */
export function RegistryCrossmatch({ permissions }: { permissions: Set<string> }) {
  const { t } = useTranslation();
  const outgoing = useLoad(
    permissions.has("case.refer") ? "/registry/referrals/outgoing" : null,
    ReferralList,
  );
  const incoming = useLoad(
    permissions.has("referral.decide") ? "/registry/referrals/incoming" : null,
    ReferralList,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [fix, setFix] = useState<string | null>(null);
  const decide = (id: string, decision: "accept" | "reject" | "revoke") =>
    apiRequest(`/registry/referrals/${id}/decision`, {
      method: "POST",
      body: { decision, reason: "decided in the referral queue" },
    })
      .then(() => {
        setMessage(t("pages.registry.decided"));
        setFix(null);
        incoming.reload();
      })
      .catch((e: unknown) => {
        setMessage(messageOf(e));
        setFix(recordToFix(e));
      });
  return (
    <section aria-labelledby="registry-referrals">
      <h2 id="registry-referrals">{t("pages.registry.tabs.referrals")}</h2>
      <p>{t("pages.registry.crossmatchHelp")}</p>
      <div role="alert">
        {message ?? outgoing.error ?? incoming.error}
        {fix && (
          <>
            {" "}
            <Link to={`/registry/people/${fix}`}>{t("pages.registry.openRecordForConsent")}</Link>
          </>
        )}
      </div>
      {outgoing.data && (
        <ReferralTable rows={outgoing.data.referrals} caption={t("pages.registry.outgoing")} />
      )}
      {incoming.data && (
        <ReferralTable
          rows={incoming.data.referrals}
          caption={t("pages.registry.incoming")}
          onDecide={decide}
        />
      )}
    </section>
  );
}
