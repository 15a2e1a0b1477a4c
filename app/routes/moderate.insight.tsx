import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { insightDashboard } from "~/insight/dashboard.server";
import { readInsightFilters } from "~/insight/filters";
import { useInsightFormat, type Named, type PeriodWords } from "~/insight/format";
import { InsightFiltersForm } from "~/insight/InsightFiltersForm";
import { KeyFigures } from "~/insight/KeyFigures";
import { ActionSeenSection } from "~/insight/ActionSeenSection";
import { ListenedSection } from "~/insight/ListenedSection";
import { LoopSection } from "~/insight/LoopSection";
import { OutreachSection } from "~/insight/OutreachSection";
import { ResponsesSection } from "~/insight/ResponsesSection";
import { SupportSection } from "~/insight/SupportSection";
import { RepresentationSection } from "~/insight/Representation";
import { ThemesSection } from "~/insight/ThemesSection";
import { actionSeen } from "~/updates/seen.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["insight", "population", "staff", "common", "survey"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const [t, lang] = await Promise.all([getFixedT(request, "insight"), getLocale(request)]);
  const dashboard = await insightDashboard(getDb(), lang, readInsightFilters(new URL(request.url)));
  return json({ title: t("title"), ...dashboard, actionSeen: await actionSeen(getDb()), canManagePopulation: session.user.role === "administrator" });
}

export default function Insight() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("insight");
  const format = useInsightFormat();
  const periodName: Named = data.period ? { text: data.period.name, lang: data.period.lang } : { text: t("lastYear"), lang: i18n.language };
  const period: PeriodWords = { node: (sentence) => format.named(sentence, periodName), text: (sentence) => sentence(periodName.text) };
  return (
    <>
      <h1 className="govuk-heading-l">{t("title")}</h1>
      <p className="govuk-body">{t("lead")}</p>
      <InsightFiltersForm filters={data.filters} periods={data.periods} surveys={data.surveys} format={format} />
      <h2 className="govuk-heading-m">
        {period.node((name) => t("summary", { period: name, from: format.day(data.range.from), to: format.day(data.range.to) }))}
      </h2>
      <KeyFigures data={data} format={format} />
      <ResponsesSection data={data} format={format} period={period} />
      <ThemesSection data={data} format={format} period={period} />
      <ListenedSection listened={data.listened} format={format} period={period} />
      <ActionSeenSection seen={data.actionSeen} format={format} />
      <LoopSection loop={data.loop} overdue={data.overdue} format={format} period={period} />
      <OutreachSection links={data.outreach} format={format} period={period} />
      <SupportSection support={data.support} format={format} period={period} />
      <RepresentationSection data={data.representation} canManage={data.canManagePopulation} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
