import { useTranslation } from "react-i18next";
import type { FieldError } from "~/components/ErrorSummary";
import { TextInput } from "~/components/TextFields";
import type { UpdatesOffer } from "./contacts.server";

interface Props {
  action: string;
  offer: UpdatesOffer;
  /** A supporter is helping: the address must be the person's own. */
  supported?: boolean;
  errors?: FieldError[];
  values?: Record<string, string>;
  /** The heading's level: a section of the confirmation page, or the page's own heading. */
  headingLevel: 1 | 2;
}

/** "Tell me when something changes": an e-mail address, and a mobile number where texts are set up. */
export function UpdatesForm({ action, offer, supported = false, errors = [], values = {}, headingLevel }: Props) {
  const { t } = useTranslation("survey");
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <form method="post" action={action} noValidate className="app-narrow-form">
      <Heading className={headingLevel === 1 ? "govuk-heading-l" : "govuk-heading-m"}>{t("updates.heading")}</Heading>
      <p className="govuk-body">{t("updates.lead")}</p>
      <p className="govuk-body">{t(offer.text ? "updates.privacyBoth" : "updates.privacy")}</p>
      {supported ? <div className="govuk-inset-text">{t(offer.text ? "updates.supportedBoth" : "updates.supported")}</div> : null}
      <TextInput
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        label={t("updates.email")}
        hint={t("updates.emailHint")}
        error={errorFor("email")}
        defaultValue={values.email}
      />
      {offer.text ? (
        <TextInput
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          label={t("updates.phone")}
          hint={t("updates.phoneHint")}
          error={errorFor("phone")}
          defaultValue={values.phone}
        />
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {t("updates.submit")}
      </button>
    </form>
  );
}
