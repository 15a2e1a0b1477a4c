import { useTranslation } from "react-i18next";
import { Choices } from "../../components/Choices";
import { DateInput } from "../../components/DateInput";
import { TextArea, TextInput } from "../../components/TextFields";
import { surveyAudiences } from "../../../db/schema";

export interface SurveyDetailsValues {
  title?: string;
  slug?: string;
  audience?: string;
  runBy?: string;
  summary?: string;
  description?: string;
  privacy?: string;
  estimatedMinutes?: string;
}

/** The fields of the survey form, shared by "Create a survey" and "Change the survey's details". */
export function SurveyDetailsFields({
  values,
  stored,
  themes,
  errorFor,
  slugFixed,
}: {
  /** What was typed, after a refused post. */
  values: Record<string, string>;
  /** What is stored now (empty for a new survey). */
  stored: SurveyDetailsValues & { opensOn?: string | null; closesOn?: string | null; themeIds?: number[] };
  themes: { id: number; name: string }[];
  errorFor: (field: string) => string | undefined;
  slugFixed: boolean;
}) {
  const { t } = useTranslation("staff");
  const value = (field: keyof SurveyDetailsValues) => values[field] ?? stored[field];
  const selectedThemes = values.themes !== undefined ? values.themes.split(",") : (stored.themeIds ?? []).map(String);
  return (
    <>
      <TextInput id="title" name="title" label={t("builder.fields.title")} error={errorFor("title")} defaultValue={value("title")} />
      {slugFixed ? (
        <input type="hidden" name="slug" value={stored.slug} />
      ) : (
        <TextInput
          id="slug"
          name="slug"
          label={t("builder.fields.slug")}
          hint={t("builder.fields.slugHint")}
          error={errorFor("slug")}
          defaultValue={value("slug")}
          className="govuk-input--width-20"
        />
      )}
      <Choices
        id="audience"
        name="audience"
        legend={t("builder.fields.audience")}
        error={errorFor("audience")}
        selected={[value("audience") ?? ""]}
        items={surveyAudiences.map((audience) => ({
          value: audience,
          label: t(`audience.${audience}`),
          hint: audience === "both" ? t("builder.fields.audienceBothHint") : undefined,
        }))}
      />
      <TextInput
        id="runBy"
        name="runBy"
        label={t("builder.fields.runBy")}
        hint={t("builder.fields.runByHint")}
        error={errorFor("runBy")}
        defaultValue={value("runBy")}
      />
      <TextArea
        id="summary"
        name="summary"
        label={t("builder.fields.summary")}
        hint={t("builder.fields.summaryHint")}
        rows={2}
        error={errorFor("summary")}
        defaultValue={value("summary")}
      />
      <TextArea
        id="description"
        name="description"
        label={t("builder.fields.description")}
        hint={t("builder.fields.descriptionHint")}
        error={errorFor("description")}
        defaultValue={value("description")}
      />
      <TextInput
        id="estimatedMinutes"
        name="estimatedMinutes"
        label={t("builder.fields.estimatedMinutes")}
        error={errorFor("estimatedMinutes")}
        defaultValue={value("estimatedMinutes")}
        className="govuk-input--width-3"
      />
      <DateInput
        id="opensOn"
        name="opensOn"
        legend={t("builder.fields.opensOn")}
        hint={t("builder.fields.opensOnHint")}
        error={errorFor("opensOn")}
        values={values}
        stored={stored.opensOn}
      />
      <DateInput
        id="closesOn"
        name="closesOn"
        legend={t("builder.fields.closesOn")}
        hint={t("builder.fields.closesOnHint")}
        error={errorFor("closesOn")}
        values={values}
        stored={stored.closesOn}
      />
      <TextArea
        id="privacy"
        name="privacy"
        label={t("builder.fields.privacy")}
        hint={t("builder.fields.privacyHint")}
        rows={4}
        error={errorFor("privacy")}
        defaultValue={value("privacy")}
      />
      {themes.length ? (
        <Choices
          id="themes"
          name="themes"
          variant="checkboxes"
          className="govuk-checkboxes--small"
          legend={t("builder.fields.themes")}
          hint={t("builder.fields.themesHint")}
          selected={selectedThemes}
          items={themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
        />
      ) : null}
    </>
  );
}
