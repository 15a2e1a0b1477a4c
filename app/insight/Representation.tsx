import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Table } from "../components/Table";
import { intlLocale } from "../i18n/config";
import { censusYear } from "./population-groups";
import { groupWords } from "./population-words";
import type { Representation, RepresentationRow, RepresentationTable } from "./representation.server";

interface RepresentationSectionProps {
  /** What `loadRepresentation` gave, as the loader passed it on. */
  data: Representation;
  /** Administrators get links to upload a population and choose the questions compared. */
  canManage?: boolean;
}

/**
 * "Who we are not hearing from": one table per breakdown, every figure with the counts behind it,
 * and each group judged in words, never by colour alone. Translations: the "population" namespace.
 */
export function RepresentationSection({ data, canManage = false }: RepresentationSectionProps) {
  const { t } = useTranslation("population");
  return (
    <section aria-labelledby="representation-heading">
      <h2 className="govuk-heading-m" id="representation-heading">
        {t("representation.heading")}
      </h2>
      {data.status === "ready" ? (
        <Comparison data={data} canManage={canManage} />
      ) : (
        <p className="govuk-body">
          {t("representation.noPopulation")}{" "}
          {canManage ? (
            <Link className="govuk-link" to="/admin/population">
              {t("representation.upload")}
            </Link>
          ) : null}
        </p>
      )}
    </section>
  );
}

function Comparison({ data, canManage }: { data: Extract<Representation, { status: "ready" }>; canManage: boolean }) {
  const { t } = useTranslation("population");
  const years = [...new Set(data.sources.map((source) => censusYear(source.timePeriod)))].join(", ");
  return (
    <>
      <p className="govuk-body">{t("representation.intro", { laName: data.laName, years })}</p>
      <p className="govuk-body">{t("representation.method", { smallest: data.smallest })}</p>
      <p className="govuk-body">{t("representation.notCounted")}</p>
      {data.tables.length === 0 ? (
        <p className="govuk-body">
          {t("representation.noQuestions")}{" "}
          {canManage ? (
            <Link className="govuk-link" to="/admin/population/questions">
              {t("representation.chooseQuestions")}
            </Link>
          ) : null}
        </p>
      ) : (
        data.tables.map((table) => <ComparisonTable key={table.id} table={table} />)
      )}
    </>
  );
}

function ComparisonTable({ table }: { table: RepresentationTable }) {
  const { t, i18n } = useTranslation("population");
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <>
      <h3 className="govuk-heading-s">{t(`dimensions.${table.dimension}`)}</h3>
      <p className="govuk-body-s">
        {t("representation.askedAs")}{" "}
        {table.questions.map((question, index) => (
          <span key={question}>
            {index > 0 ? "; " : null}“<bdi lang="en">{question}</bdi>”
          </span>
        ))}{" "}
        (<bdi lang="en">{table.surveys.join(", ")}</bdi>)
      </p>
      <p className="govuk-body-s">
        {t("representation.counts", {
          responses: number.format(table.responses),
          answered: number.format(table.answered),
          notCounted: number.format(table.notCounted),
          unanswered: number.format(table.unanswered),
        })}
      </p>
      {table.unpublished ? (
        <p className="govuk-body-s">{t("representation.unpublished")}</p>
      ) : table.populationTotal === null ? (
        <p className="govuk-body-s">{t("representation.noFigures")}</p>
      ) : null}
      <Table
        caption={t("representation.caption", { dimension: t(`dimensions.${table.dimension}`), surveys: table.surveys.join(", ") })}
        headers={(["group", "respondents", "share", "population", "expected", "judgement"] as const).map((column) => t(`representation.columns.${column}`))}
      >
        {table.rows.map((row, index) => (
          <ComparisonRow key={index} row={row} table={table} />
        ))}
      </Table>
    </>
  );
}

/** The population cell: the group's count of the total and its share, or as much of it as the file publishes. */
function populationWords(t: TFunction, row: RepresentationRow, table: RepresentationTable, number: Intl.NumberFormat, percent: Intl.NumberFormat): string {
  if (row.population === null) return table.unpublished ? t("representation.notPublished") : t("representation.none");
  if (table.populationTotal === null || row.populationShare === null) return number.format(row.population);
  return t("representation.populationCell", {
    n: number.format(row.population),
    total: number.format(table.populationTotal),
    share: percent.format(row.populationShare),
  });
}

function ComparisonRow({ row, table }: { row: RepresentationRow; table: RepresentationTable }) {
  const { t, i18n } = useTranslation("population");
  const locale = intlLocale(i18n.language);
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const none = t("representation.none");
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        {row.labels.length === 1 ? (
          <bdi lang="en">{row.labels[0]}</bdi>
        ) : (
          <>
            {groupWords(t, table.dimension, row.keys)}
            <span className="govuk-body-s">
              {" "}
              (<bdi lang="en">{row.labels.join(", ")}</bdi>)
            </span>
          </>
        )}
      </th>
      <td className="govuk-table__cell">{t("representation.of", { n: number.format(row.respondents), total: number.format(table.answered) })}</td>
      <td className="govuk-table__cell">
        {row.share === null || row.low === null || row.high === null
          ? none
          : t("representation.range", { share: percent.format(row.share), low: percent.format(row.low), high: percent.format(row.high) })}
      </td>
      <td className="govuk-table__cell">{populationWords(t, row, table, number, percent)}</td>
      <td className="govuk-table__cell">{row.expected === null ? none : t("representation.about", { n: number.format(Math.round(row.expected)) })}</td>
      <td className="govuk-table__cell">
        {row.judgement === "under" || row.judgement === "over" ? <strong>{t(`judgements.${row.judgement}`)}</strong> : t(`judgements.${row.judgement}`)}
      </td>
    </tr>
  );
}
