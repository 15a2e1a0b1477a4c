import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "../accounts/csrf";
import { TextArea } from "../components/TextFields";
import { easyRead, fallbackLanguage, htmlLang } from "../i18n/config";
import type { ErrorFor, ResponsePage } from "./ResponseParts";

type Answer = ResponsePage["response"]["answers"][number];

/** The English translation of one answer, shown beside the original and changeable. */
function TranslationForm({
  answerId,
  current,
  csrf,
  error,
  submitted,
}: {
  answerId: number;
  current: string | null;
  csrf: string;
  error?: string;
  submitted?: string;
}) {
  const { t } = useTranslation("staff");
  return (
    <>
      {current ? (
        <>
          <h3 className="govuk-heading-s">{t("response.translation.heading")}</h3>
          <p className="govuk-body app-free-text" lang="en">
            {current}
          </p>
        </>
      ) : null}
      <details className="govuk-details" open={Boolean(error)}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{current ? t("response.translation.edit") : t("response.translation.add")}</span>
        </summary>
        <div className="govuk-details__text">
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <input type="hidden" name="intent" value="translate" />
            <input type="hidden" name="answer" value={answerId} />
            <TextArea
              id={`translation-${answerId}`}
              name="translation"
              label={t("response.translation.label")}
              hint={t("response.translation.hint")}
              rows={4}
              error={error}
              defaultValue={submitted ?? current ?? ""}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              {t("response.translation.save")}
            </button>
          </form>
        </div>
      </details>
    </>
  );
}

interface AnswersProps {
  page: ResponsePage;
  errorFor: ErrorFor;
  /** A translation that failed to save, to show again. */
  typedTranslation?: { answerId: number; text: string };
}

function FreeText({ answer, page, errorFor, typedTranslation }: AnswersProps & { answer: Answer }) {
  const { t } = useTranslation("staff");
  const { response } = page;
  const language = t(`common:languageNames.${response.lang}`, { defaultValue: response.lang });
  // Answers in another language can be given an English translation; Easy Read is English already.
  const needsTranslation = response.lang !== fallbackLanguage && response.lang !== easyRead;
  return (
    <>
      {needsTranslation ? <h3 className="govuk-heading-s">{t("response.translation.original", { language })}</h3> : null}
      <p className="govuk-body app-free-text" lang={htmlLang(response.lang)} dir="auto">
        {answer.text}
      </p>
      {needsTranslation && answer.answerId ? (
        <TranslationForm
          answerId={answer.answerId}
          current={answer.translation}
          csrf={page.csrf}
          error={errorFor(`translation-${answer.answerId}`)}
          submitted={typedTranslation?.answerId === answer.answerId ? typedTranslation.text : undefined}
        />
      ) : null}
      {response.quoteConsent && answer.answerId ? (
        <Link className="govuk-link govuk-body-s" to={`/moderate/quotes/new?answer=${answer.answerId}`}>
          {t("response.makeQuote")}
        </Link>
      ) : (
        <p className="govuk-body-s">{t("response.noConsentForQuote")}</p>
      )}
    </>
  );
}

/** What the person said: free text as text (with its translation), choices as their labels. */
export function Answers(props: AnswersProps) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h2 className="govuk-heading-m">{t("response.answers")}</h2>
      <dl className="app-answers">
        {props.page.response.answers.map((answer) => (
          <div key={answer.questionId} className="app-answers__row">
            <dt className="app-answers__question">{answer.question}</dt>
            <dd className="app-answers__answer">{answer.text !== null ? <FreeText {...props} answer={answer} /> : answer.labels.join(", ")}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
