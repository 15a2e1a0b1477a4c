import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audiences } from "../../db/schema";
import { Choices } from "~/components/Choices";
import { Select } from "~/components/Select";
import { supportedLanguages } from "~/i18n/config";
import { groupings, type InsightFilters } from "./filters";
import type { InsightFormat } from "./format";

interface InsightFiltersFormProps {
  filters: InsightFilters;
  periods: { slug: string; name: string; lang: string }[];
  surveys: { slug: string; title: string }[];
  format: InsightFormat;
}

/** The dashboard's filters: a GET form, so every view has its own address and works without JavaScript. */
export function InsightFiltersForm({ filters, periods, surveys, format }: InsightFiltersFormProps) {
  const { t } = useTranslation("insight");
  const any = { value: "", label: t("filters.any") };
  return (
    <form method="get" className="app-filters app-insight-filters" aria-labelledby="insight-filters">
      <h2 className="govuk-heading-s" id="insight-filters">
        {t("filters.heading")}
      </h2>
      <div className="app-filters__fields">
        {periods.length > 0 ? (
          <Select
            id="period"
            name="period"
            label={t("filters.period")}
            defaultValue={filters.period}
            options={periods.map((period) => ({ value: period.slug, label: period.name, lang: format.langOf(period.lang) }))}
          />
        ) : null}
        <Select
          id="survey"
          name="survey"
          label={t("filters.survey")}
          defaultValue={filters.survey}
          options={[any, ...surveys.map((s) => ({ value: s.slug, label: s.title }))]}
        />
        <Select
          id="audience"
          name="audience"
          label={t("filters.audience")}
          defaultValue={filters.audience}
          options={[any, ...audiences.map((audience) => ({ value: audience, label: t(`staff:audience.${audience}`) }))]}
        />
        <Select
          id="lang"
          name="lang"
          label={t("filters.language")}
          defaultValue={filters.lang}
          options={[any, ...supportedLanguages.map((code) => ({ value: code, label: t(`common:languageNames.${code}`) }))]}
        />
      </div>
      <Choices
        id="by"
        name="by"
        legend={t("filters.by")}
        selected={[filters.by]}
        className="govuk-radios--inline govuk-radios--small"
        items={groupings.map((by) => ({ value: by, label: t(`filters.${by}`) }))}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("filters.apply")}
        </button>
        <Link className="govuk-link" to="/moderate/insight">
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
