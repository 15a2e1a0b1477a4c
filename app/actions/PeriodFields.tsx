import { useTranslation } from "react-i18next";
import { DateInput } from "~/components/DateInput";
import { TextInput } from "~/components/TextFields";
import { SideBySide } from "~/components/SideBySide";
import { intlLocale } from "~/i18n/config";
import { dayInWords } from "~/utils/date-input";
import { nameField, translatedLanguages } from "./period-names";

interface PeriodSummary {
  starts_on: string;
  ends_on: string;
  closed_at: string | null;
  /** Starts after today: not public yet. */
  future: boolean;
}

/** "1 September 2026 to 31 December 2026". */
export function PeriodDates({ period }: { period: PeriodSummary }) {
  const { t, i18n } = useTranslation("staff");
  const locale = intlLocale(i18n.language);
  return <>{t("periods.dates", { from: dayInWords(period.starts_on, locale), to: dayInWords(period.ends_on, locale) })}</>;
}

/** Open, closed, or not public until it starts. */
export function PeriodStateTag({ period }: { period: PeriodSummary }) {
  const { t } = useTranslation("staff");
  const state = period.closed_at ? "closed" : period.future ? "future" : "open";
  const colour = { closed: "govuk-tag--grey", future: "govuk-tag--blue", open: "govuk-tag--green" }[state];
  return <strong className={`govuk-tag ${colour}`}>{t(`periods.states.${state}`)}</strong>;
}

/** How many languages still lack the period's name: "Not named yet in 3 of 11 languages". */
export function MissingLanguages({ missing }: { missing: readonly string[] }) {
  const { t } = useTranslation("staff");
  return (
    <>
      {missing.length === 0 ? t("periods.languages.complete") : t("periods.languages.missing", { missing: missing.length, total: translatedLanguages.length })}
    </>
  );
}

interface PeriodFieldsProps {
  /** What was typed, after a refused post. */
  values: Record<string, string>;
  /** The period as stored, when changing one. */
  stored?: { name: string; slug: string; starts_on: string; ends_on: string };
  errorFor: (field: string) => string | undefined;
}

/** A period's English name, short name and first and last days (GOV.UK date inputs). */
export function PeriodFields({ values, stored, errorFor }: PeriodFieldsProps) {
  const { t } = useTranslation("staff");
  return (
    <>
      <TextInput
        id="name"
        name="name"
        label={t("periods.name")}
        hint={t("periods.nameHint")}
        error={errorFor("name")}
        defaultValue={values.name ?? stored?.name}
      />
      <TextInput
        id="slug"
        name="slug"
        label={t("periods.slug")}
        hint={t("periods.slugHint")}
        error={errorFor("slug")}
        defaultValue={values.slug ?? stored?.slug}
      />
      <DateInput
        id="startsOn"
        name="startsOn"
        legend={t("periods.startsOn")}
        hint={t("periods.startsOnHint")}
        error={errorFor("startsOn")}
        values={values}
        stored={stored?.starts_on}
      />
      <DateInput
        id="endsOn"
        name="endsOn"
        legend={t("periods.endsOn")}
        hint={t("periods.endsOnHint")}
        error={errorFor("endsOn")}
        values={values}
        stored={stored?.ends_on}
      />
    </>
  );
}

interface PeriodNamesProps {
  english: string;
  languages: readonly string[];
  /** What was typed, else what is stored, by field name ("name_pl"). */
  values: Record<string, string>;
  errorFor: (field: string) => string | undefined;
}

/** The name in each other language, side by side with the English it translates. */
export function PeriodNames({ english, languages, values, errorFor }: PeriodNamesProps) {
  const { t } = useTranslation("staff");
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
        <h2 className="govuk-fieldset__heading">{t("periods.names.heading")}</h2>
      </legend>
      <p className="govuk-hint">{t("periods.names.hint")}</p>
      {languages.map((lang) => (
        <SideBySide
          key={lang}
          name={nameField(lang)}
          what={t("periods.names.label", { language: t(`common:languageNames.${lang}`) })}
          english={english}
          lang={lang}
          defaultValue={values[nameField(lang)] ?? ""}
          error={errorFor(nameField(lang))}
          short
        />
      ))}
    </fieldset>
  );
}
