import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { describedBy, ErrorMessage, ErrorSummary, Hint } from "~/components/ErrorSummary";
import { Fieldset } from "~/components/Fieldset";
import { BackLink, TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { languageChoices } from "~/i18n/languages.server";
import { readSupportStart, startSupportedDraft } from "~/support/support.server";
import { serializeDraftCookie } from "~/surveys/drafts.server";
import { loadSurvey, requireOpen } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { readStaffForm } from "~/utils/staff-form.server";
import { getFixedT } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";
import { audiences, supportKinds } from "../../db/schema";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "support");
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { survey, lang } = context;
  const t = await getFixedT(request, "staff");
  return json({
    title: t("support.start.title"),
    csrf: session.csrfToken,
    survey: { title: survey.title, textLang: survey.lang === lang ? undefined : survey.lang, audience: survey.audience },
    languages: languageChoices.filter((choice) => survey.languages.includes(choice.code)),
    lang,
  });
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const { session, t, values } = await readStaffForm(request, "support");
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { survey } = context;
  const read = readSupportStart(loadContext, values, survey, t);
  if ("failure" in read) return read.failure;
  const { token } = await startSupportedDraft(getDb(), survey, read.choice, session.user.id);
  const first = survey.questions[0];
  const to = first ? surveyPaths(survey.slug).question(first.key) : surveyPaths(survey.slug).check;
  // The questions open in the person's language; the language switcher on every page can change it.
  throw redirect(`${to}?${new URLSearchParams({ lng: read.choice.lang })}`, {
    status: 303,
    headers: { "Set-Cookie": await serializeDraftCookie(survey.slug, token) },
  });
}

/** "How are you helping?": interpreting reveals the language field (GOV.UK conditional reveal; shown to all without JavaScript). */
function HowHelping({ selected, language, errorFor }: { selected?: string; language?: string; errorFor: (field: string) => string | undefined }) {
  const { t } = useTranslation("staff");
  const id = "kind";
  return (
    <Fieldset id={id} legend={t("support.start.kind")} error={errorFor("kind")}>
      <div className="govuk-radios">
        {supportKinds.map((kind, index) => {
          const inputId = index === 0 ? id : `${id}-${index + 1}`;
          return (
            <div key={kind}>
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={inputId}
                  name="kind"
                  type="radio"
                  value={kind}
                  defaultChecked={selected === kind}
                  aria-controls={kind === "interpreting" ? "conditional-language" : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                  {t(`support.kinds.${kind}`)}
                </label>
              </div>
              {kind === "interpreting" ? (
                <div className="govuk-radios__conditional" id="conditional-language">
                  <TextInput
                    id="language"
                    name="language"
                    label={t("support.start.language")}
                    hint={t("support.start.languageHint")}
                    error={errorFor("language")}
                    defaultValue={language}
                    className="govuk-!-width-two-thirds"
                  />
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export default function StartSupported() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const consentError = errorFor("consent");
  return (
    <TwoThirds>
      <BackLink to="/support" />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l" lang={data.survey.textLang}>
        {data.survey.title}
      </span>
      <h1 className="govuk-heading-l">{t("support.start.title")}</h1>
      <p className="govuk-body">{t("support.start.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <div className={`govuk-form-group${consentError ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy("consent", true, consentError)}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{t("support.start.consentLegend")}</legend>
            <Hint id="consent">{t("support.start.consentHint")}</Hint>
            <ErrorMessage id="consent" message={consentError} />
            <div className="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="consent" name="consent" type="checkbox" value="yes" defaultChecked={values.consent === "yes"} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="consent">
                  {t("support.start.consent")}
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <HowHelping selected={values.kind} language={values.language} errorFor={errorFor} />
        <Choices
          id="lang"
          name="lang"
          legend={t("support.start.lang")}
          hint={t("support.start.langHint")}
          error={errorFor("lang")}
          selected={[values.lang ?? data.lang]}
          items={data.languages.map((language) => ({ value: language.code, label: language.name, lang: language.lang }))}
        />
        {data.survey.audience === "both" ? (
          <Choices
            id="audience"
            name="audience"
            legend={t("support.start.audience")}
            error={errorFor("audience")}
            selected={values.audience ? [values.audience] : []}
            items={audiences.map((value) => ({ value, label: t(`support.audiences.${value}`) }))}
          />
        ) : null}
        <button type="submit" className="govuk-button">
          {t("support.start.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
