import { useTranslation } from "react-i18next";
import { TextArea } from "~/components/TextFields";
import { isEnglish } from "~/i18n/config";

/** English words to publish beside a quote in another language; not offered for English quotes. */
export function QuoteTranslationField({ lang, error, defaultValue }: { lang: string; error?: string; defaultValue: string }) {
  const { t } = useTranslation("staff");
  if (isEnglish(lang)) return null;
  return (
    <TextArea
      id="translation"
      name="translation"
      label={t("quotes.form.translation")}
      hint={t("quotes.form.translationHint")}
      rows={6}
      error={error}
      defaultValue={defaultValue}
    />
  );
}
