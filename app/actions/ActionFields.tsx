import { useTranslation } from "react-i18next";
import { Choices } from "~/components/Choices";
import { DateInput } from "~/components/DateInput";
import type { FieldError } from "~/components/ErrorSummary";
import { Select } from "~/components/Select";
import { TextArea, TextInput } from "~/components/TextFields";
import { partners } from "./action-form";

/**
 * What the form shows: what was typed after an error (the date's three boxes as `due_on-day` and so
 * on, the themes and surveys joined by commas), or the stored action, whose `due_on` is YYYY-MM-DD.
 */
export type ActionFieldValues = Record<string, string | undefined>;

interface ActionFieldsProps {
  values: ActionFieldValues;
  errors: FieldError[];
  themes: { id: number; name: string }[];
  surveys: { id: number; title: string }[];
  periods: { id: number; name: string }[];
}

const list = (value: string | undefined) => (value ? value.split(",") : []);

/** The details of an action, for both adding and changing one. */
export function ActionFields({ values, errors, themes, surveys, periods }: ActionFieldsProps) {
  const { t } = useTranslation("staff");
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <TextInput
        id="title"
        name="title"
        label={t("actions.form.title")}
        hint={t("actions.form.titleHint")}
        error={errorFor("title")}
        defaultValue={values.title}
      />
      <TextArea
        id="description"
        name="description"
        label={t("actions.form.description")}
        hint={t("actions.form.descriptionHint")}
        rows={4}
        error={errorFor("description")}
        defaultValue={values.description}
      />
      <TextInput
        id="owner"
        name="owner"
        label={t("actions.form.owner")}
        hint={t("actions.form.ownerHint")}
        error={errorFor("owner")}
        defaultValue={values.owner}
      />
      <Choices
        id="partner"
        name="partner"
        legend={t("actions.form.partner")}
        error={errorFor("partner")}
        selected={values.partner ? [values.partner] : []}
        items={partners.map((partner) => ({ value: partner, label: t(`actions.partners.${partner}`) }))}
      />
      <DateInput
        id="due_on"
        name="due_on"
        legend={t("actions.form.due_on")}
        hint={t("actions.form.dueHint")}
        error={errorFor("due_on")}
        values={values}
        stored={values.due_on}
      />
      <TextArea
        id="measure"
        name="measure"
        label={t("actions.form.measure")}
        hint={t("actions.form.measureHint")}
        rows={3}
        error={errorFor("measure")}
        defaultValue={values.measure}
      />
      <Choices
        id="theme"
        name="theme"
        variant="checkboxes"
        className="govuk-checkboxes--small"
        legend={t("actions.form.themes")}
        error={errorFor("theme")}
        selected={list(values.theme)}
        items={themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
      />
      <Choices
        id="survey"
        name="survey"
        variant="checkboxes"
        className="govuk-checkboxes--small"
        legend={t("actions.form.surveys")}
        selected={list(values.survey)}
        items={surveys.map((survey) => ({ value: String(survey.id), label: survey.title }))}
      />
      <Select
        id="period"
        name="period"
        label={t("actions.form.period")}
        error={errorFor("period")}
        defaultValue={values.period}
        options={[{ value: "", label: t("actions.form.noPeriod") }, ...periods.map((period) => ({ value: String(period.id), label: period.name }))]}
      />
    </>
  );
}
