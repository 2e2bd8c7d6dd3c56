import { useTranslation } from "react-i18next";

/**
 * Prints the record on the page: the browser's print dialog (or "Save as PDF"), with the print stylesheet in
 * styles.css keeping only the element marked `printable` and leaving out navigation, forms and buttons.
 */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="print-button" onClick={() => window.print()}>
      {t("print")}
    </button>
  );
}
