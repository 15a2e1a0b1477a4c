import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "../accounts/csrf";
import { TextArea } from "../components/TextFields";
import { intlLocale } from "../i18n/config";

export interface SpokenBlockRow {
  id: number;
  question: string;
  length: string | null;
  playable: boolean;
  typedBy: { name: string | null; at: string } | null;
  removedAt: string | null;
  translate: boolean;
}

interface TypeUpFormProps {
  id: number;
  csrf: string;
  translate: boolean;
  language?: string;
  values?: Record<string, string>;
  errorFor?: (field: string) => string | undefined;
}

/** "Type up what was said": the words as spoken, and an English translation when they were in another language. */
export function TypeUpForm({ id, csrf, translate, language, values, errorFor = () => undefined }: TypeUpFormProps) {
  const { t } = useTranslation("staff");
  return (
    <form method="post" action={`/moderate/spoken/${id}`} noValidate>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="intent" value="transcribe" />
      <TextArea
        id={`transcript-${id}`}
        name="transcript"
        label={translate && language ? t("spoken.form.transcriptIn", { language }) : t("spoken.form.transcript")}
        hint={t("spoken.form.transcriptHint")}
        rows={5}
        error={errorFor("transcript")}
        defaultValue={values?.transcript ?? ""}
      />
      {translate ? (
        <TextArea
          id={`translation-${id}`}
          name="translation"
          label={t("spoken.form.translation")}
          hint={t("spoken.form.translationHint")}
          rows={5}
          error={errorFor("translation")}
          defaultValue={values?.translation ?? ""}
        />
      ) : null}
      <button type="submit" className="govuk-button">
        {t("spoken.form.save")}
      </button>
    </form>
  );
}

/** A response's spoken answers: play, type up; or who typed it up; or that it went untyped. */
export function SpokenAnswers({ rows, csrf, language }: { rows: SpokenBlockRow[]; csrf: string; language: string }) {
  const { t, i18n } = useTranslation("staff");
  if (rows.length === 0) return null;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long" }).format(new Date(iso));
  return (
    <section aria-labelledby="spoken-heading" className="app-spoken-block">
      <h2 className="govuk-heading-m" id="spoken-heading">
        {t("spoken.block.heading")}
      </h2>
      {rows.map((row) => (
        <div key={row.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">{row.question}</h3>
          {row.typedBy ? (
            <p className="govuk-body">{t("spoken.block.typedBy", { name: row.typedBy.name ?? t("spoken.block.someone"), date: date(row.typedBy.at) })}</p>
          ) : row.removedAt ? (
            <p className="govuk-body">{t("spoken.block.removed", { date: date(row.removedAt) })}</p>
          ) : (
            <>
              <p className="govuk-body">{row.length ? t("spoken.block.length", { length: row.length }) : t("spoken.block.noLength")}</p>
              {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a respondent's recording: typing it up is how its text comes to exist */}
              <audio controls preload="none" src={`/moderate/spoken/${row.id}/audio`} aria-label={t("spoken.block.play", { question: row.question })} />
              <TypeUpForm id={row.id} csrf={csrf} translate={row.translate} language={language} />
            </>
          )}
        </div>
      ))}
    </section>
  );
}
