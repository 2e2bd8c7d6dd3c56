import { useTranslation } from "react-i18next";
import { MatchingModelView, ReviewFigures } from "../../../../src/registry/review.contract.ts";
import { dateFormat, numberFormat } from "../../../../src/shared/locale-format.ts";
import { Link } from "../../router.tsx";
import { useSignedInUser } from "../../session.tsx";
import { LoadStatus } from "../../ui/load-status.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { useLoad } from "../registry/use-registry.ts";

/** Identity: how the registry tells whether two records are one person, and the queue people decide. */
export function IdentityPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeading title={t("pages.identity.title")} />
      <p>{t("pages.identity.intro")}</p>
      {user.permissions.includes("person.merge") && <QueueFigures />}
      {user.permissions.includes("identity.run") && <ModelPanel />}
    </>
  );
}

function QueueFigures() {
  const { t, i18n } = useTranslation();
  const { data, error } = useLoad("/registry/review-figures", ReviewFigures);
  const number = (n: number) => numberFormat(i18n.language).format(n);
  return (
    <section aria-labelledby="identity-queue">
      <h2 id="identity-queue">{t("pages.identity.queue.title")}</h2>
      <LoadStatus error={error} loaded={data !== null} />
      {data && (
        <>
          <dl className="facts" data-testid="identity-queue-figures">
            <dt>{t("pages.identity.queue.open")}</dt>
            <dd>{number(data.open)}</dd>
            <dt>{t("pages.identity.queue.openLikely")}</dt>
            <dd>{number(data.openLikely)}</dd>
            <dt>{t("pages.identity.queue.openPossible")}</dt>
            <dd>{number(data.openPossible)}</dd>
            <dt>{t("pages.identity.queue.oldest")}</dt>
            <dd>
              {data.oldestOpenAt
                ? dateFormat(i18n.language, { dateStyle: "medium" }).format(new Date(data.oldestOpenAt))
                : t("pages.identity.queue.none")}
            </dd>
            <dt>{t("pages.identity.queue.merged")}</dt>
            <dd>{number(data.merged)}</dd>
            <dt>{t("pages.identity.queue.distinct")}</dt>
            <dd>{number(data.distinct)}</dd>
            <dt>{t("pages.identity.queue.split")}</dt>
            <dd>{number(data.split)}</dd>
            <dt>{t("pages.identity.queue.recent")}</dt>
            <dd>{number(data.decidedLast30Days)}</dd>
          </dl>
          <p>
            <Link to="/registry/review">{t("pages.identity.queue.open_link")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function ModelPanel() {
  const { t, i18n } = useTranslation();
  const { data, error } = useLoad("/registry/matching-model", MatchingModelView);
  const percent = (x: number) =>
    numberFormat(i18n.language, { style: "percent", maximumFractionDigits: 2 }).format(x);
  const decimal = (x: number) =>
    numberFormat(i18n.language, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: "exceptZero",
    }).format(x);
  return (
    <section aria-labelledby="identity-model">
      <h2 id="identity-model">{t("pages.identity.model.title")}</h2>
      <p>{t("pages.identity.model.help")}</p>
      <LoadStatus error={error} loaded={data !== null} />
      {data && (
        <>
          <dl className="facts" data-testid="identity-thresholds">
            <dt>{t("pages.identity.model.likely")}</dt>
            <dd>{percent(data.thresholds.likely)}</dd>
            <dt>{t("pages.identity.model.possible")}</dt>
            <dd>{percent(data.thresholds.possible)}</dd>
            <dt>{t("pages.identity.model.prior")}</dt>
            <dd>{percent(data.prior)}</dd>
          </dl>
          <table className="data-table" data-testid="identity-model">
            <caption>{t("pages.identity.model.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.identity.model.field")}</th>
                <th scope="col">{t("pages.identity.model.agreement")}</th>
                <th scope="col">{t("pages.identity.model.m")}</th>
                <th scope="col">{t("pages.identity.model.u")}</th>
                <th scope="col">{t("pages.identity.model.weight")}</th>
              </tr>
            </thead>
            <tbody>
              {data.fields.flatMap((field) =>
                [...field.levels].reverse().map((level, i) => (
                  <tr key={`${field.field}-${level.level}`}>
                    {i === 0 && (
                      <th scope="row" rowSpan={field.levels.length}>
                        {t(`pages.identity.fields.${field.field}`, { defaultValue: field.field })}
                      </th>
                    )}
                    <td>
                      {level.dateAgreement
                        ? t(`pages.identity.dateAgreement.${level.dateAgreement}`)
                        : t(`pages.identity.agreement.${level.agreement}`)}
                    </td>
                    <td>{percent(level.m)}</td>
                    <td>{percent(level.u)}</td>
                    <td>{decimal(level.weight)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
