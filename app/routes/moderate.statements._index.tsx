import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPeriods } from "~/actions/periods.server";
import { requireStaff } from "~/accounts/session.server";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { themeChoices } from "~/moderation/queue.server";
import { publicThemeFigures } from "~/publishing/figures.server";
import { listStatements } from "~/publishing/statements.server";
import { suppressionThreshold } from "~/settings.server";
import { statementTranslationProgress } from "~/translations/statement-translations.server";
import { MissingLanguages } from "~/translations/TranslationParts";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  const lang = await getLocale(request);
  const db = getDb();
  const periods = await listPeriods(db, lang);
  const wanted = Number(new URL(request.url).searchParams.get("period"));
  const period = periods.find((candidate) => candidate.id === wanted) ?? periods[0];
  const threshold = await suppressionThreshold(db);
  if (!period) return json({ title: t("statements.title"), periods, period: null, rows: [], threshold });
  const [themes, figures, statements] = await Promise.all([
    themeChoices(db, lang),
    publicThemeFigures(db, { from: period.starts_on, to: period.ends_on }, threshold),
    listStatements(db, period.id),
  ]);
  const progress = await statementTranslationProgress(
    db,
    statements.map((statement) => statement.id),
  );
  const rows = themes.map((theme) => {
    const statement = statements.find((s) => s.theme_id === theme.id);
    return {
      theme,
      raised: figures.find((f) => f.themeId === theme.id)?.raised.total ?? null,
      statement: statement
        ? {
            id: statement.id,
            state: statement.published_at ? "published" : statement.requested_at ? "awaiting" : "draft",
            translations: progress.get(statement.id) ?? [],
          }
        : null,
    };
  });
  return json({ title: t("statements.title"), periods, period, rows, threshold });
}

export default function Statements() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <>
      <h1 className="govuk-heading-l">{t("statements.title")}</h1>
      <p className="govuk-body">{t("statements.lead")}</p>
      {data.period === null ? (
        <p className="govuk-body">{t("statements.noPeriods")}</p>
      ) : (
        <>
          <form method="get" className="app-filters">
            <Select
              id="period"
              name="period"
              label={t("statements.period")}
              defaultValue={String(data.period.id)}
              options={data.periods.map((p) => ({ value: String(p.id), label: p.name }))}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              {t("statements.choose")}
            </button>
          </form>
          <Table
            caption={data.period.name}
            captionSize="m"
            headers={[t("statements.table.theme"), t("statements.table.raised"), t("statements.table.state"), t("statements.table.translations")]}
          >
            {data.rows.map((row) => (
              <tr key={row.theme.id} className="govuk-table__row">
                <td className="govuk-table__cell">{row.theme.name}</td>
                <td className="govuk-table__cell">{row.raised === null ? t("statements.figures.fewer", { threshold: data.threshold }) : row.raised}</td>
                <td className="govuk-table__cell">
                  {row.statement ? (
                    <Link className="govuk-link" to={`/moderate/statements/${row.statement.id}`}>
                      {t(`publication.states.${row.statement.state}`)}
                      <span className="govuk-visually-hidden">: {row.theme.name}</span>
                    </Link>
                  ) : data.period?.closed_at ? (
                    t("statements.periodClosed")
                  ) : (
                    <Link className="govuk-link" to={`/moderate/statements/new?theme=${row.theme.id}&period=${data.period?.id}`}>
                      {t("statements.write")}
                      <span className="govuk-visually-hidden"> “{row.theme.name}”</span>
                    </Link>
                  )}
                </td>
                <td className="govuk-table__cell">{row.statement ? <MissingLanguages progress={row.statement.translations} /> : null}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
