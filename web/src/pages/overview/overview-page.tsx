import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Nation, NationList } from "../../../../src/platform/auth/auth.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";

type NationsState = { status: "loading" } | { status: "failed" } | { status: "loaded"; nations: Nation[] };

/** The landing page after sign-in: a welcome naming the user's nation, and the nations on the platform. */
export function OverviewPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeading title={t("nav.overview")}>{t("overview.welcome", { name: user.displayName })}</PageHeading>
      <p>{t("overview.intro", { nation: user.nationName })}</p>
      <NationsTable />
    </>
  );
}

function NationsTable() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<NationsState>({ status: "loading" });

  useEffect(() => {
    apiRequest("/nations", { schema: NationList })
      .then((body) => setState({ status: "loaded", nations: body.nations }))
      .catch(() => setState({ status: "failed" }));
  }, []);

  const joined = (date: string | null) =>
    date
      ? dateFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(date))
      : t("overview.notRecorded");

  return (
    <section aria-labelledby="nations-title">
      <h2 id="nations-title">{t("overview.nationsTitle")}</h2>
      {state.status === "loading" && <p aria-busy="true">{t("loading")}</p>}
      {state.status === "failed" && (
        <p role="alert" className="alert">
          {t("overview.nationsFailed")}
        </p>
      )}
      {state.status === "loaded" && (
        <table className="data-table">
          <caption>{t("overview.nationsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.code")}</th>
              <th scope="col">{t("overview.name")}</th>
              <th scope="col">{t("overview.kind")}</th>
              <th scope="col">{t("overview.joined")}</th>
            </tr>
          </thead>
          <tbody>
            {state.nations.map((nation) => (
              <tr key={nation.code}>
                <td>
                  <abbr title={nation.name}>{nation.code}</abbr>
                </td>
                <th scope="row">{nation.name}</th>
                <td>{t(`overview.kinds.${nation.kind}`)}</td>
                <td>{joined(nation.joinedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
