import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { ScriptFont } from "~/components/ScriptFont";
import { SideBySide } from "~/components/SideBySide";
import { intlLocale } from "~/i18n/config";
import { dayInWords } from "~/utils/date-input";
import type { TranslatePageData } from "./translation";

/**
 * A statement's or action's texts side by side: the English on the left as each box's label, the
 * translation on the right in its own language and direction. A blank box is no translation: readers
 * get the English there.
 */
export function TranslatePage({ data, failure }: { data: TranslatePageData; failure?: { errors: FieldError[]; values: Record<string, string> } }) {
  const { t, i18n } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? {};
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.message;
  const when = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const notice =
    data.notice === "revisionProposed"
      ? t("publication.done.revisionProposed")
      : data.notice === "saved" || data.notice === "unchanged"
        ? t(`translations.done.${data.notice}`)
        : null;
  return (
    <>
      <BackLink to={data.back} />
      <ErrorSummary errors={errors} />
      {notice ? <Notice>{notice}</Notice> : null}
      <span className="govuk-caption-l" lang="en">
        {data.caption}
      </span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      <p className="govuk-body">{data.published ? t("translations.page.published") : t("translations.page.draft")}</p>
      <p className="govuk-body">{t("translations.page.blank", { language: data.language })}</p>
      {data.waiting ? <p className="govuk-inset-text">{t("translations.page.waiting", { name: data.waiting.by, date: when(data.waiting.at) })}</p> : null}
      <ScriptFont lang={data.lang} />
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        {data.texts.map((text) => (
          <SideBySide
            key={text.name}
            name={text.name}
            what={t(`translations.fields.${text.field}`, { date: text.on ? dayInWords(text.on, intlLocale(i18n.language)) : "" })}
            english={text.english}
            lang={data.lang}
            defaultValue={values[text.name] ?? text.current}
            error={errorFor(text.name)}
          />
        ))}
        <button type="submit" className="govuk-button">
          {data.published ? t("translations.page.propose") : t("translations.page.save")}
        </button>
      </form>
    </>
  );
}
