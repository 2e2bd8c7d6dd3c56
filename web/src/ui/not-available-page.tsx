import { useTranslation } from "react-i18next";
import { Link } from "../router.tsx";
import { PageHeading } from "./page-heading.tsx";

/** What an address the user's roles do not open shows: the section's name, why, and a way back. */
export function NotAvailablePage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={title} />
      <p className="notice" data-testid="not-available">
        {t("notAvailable.body")}
      </p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
