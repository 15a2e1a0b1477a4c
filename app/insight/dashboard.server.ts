import type { DB } from "../../db/connection";
import { londonToday } from "../actions/periods.server";
import { surveyChoices } from "../moderation/queue.server";
import { positive } from "../publishing/figures.server";
import { listenedTarget, suppressionThreshold } from "../settings.server";
import { DONT_KNOW } from "../surveys/model";
import type { InsightFilters } from "./filters";
import { feltListenedTo, listenedThemeId } from "./listened.server";
import { figuresByLink } from "./outreach.server";
import { supportedByKind } from "./support.server";
import { closingTheLoop, overdueActions, publishedActionsFor } from "./loop.server";
import { loadRepresentation } from "./representation.server";
import { questionNames, responsesOverTime, wherePeopleStop } from "./responses.server";
import { scales, type ScaleKind } from "./scales";
import { resolveScope } from "./scope.server";
import { raisedThemes, scaleAnswers, themeNames, type ScaleCount } from "./themes.server";

/**
 * Everything the staff insight dashboard shows, for one period and the chosen survey, audience and
 * language. Figures are exact (staff see small numbers; the public page suppresses them), and a
 * response held for safeguarding is never in any of them.
 */
export async function insightDashboard(db: DB, lang: string, filters: InsightFilters, now = new Date()) {
  const scope = await resolveScope(db, lang, filters, now);
  const { current, previous } = scope;
  const [overTime, stops, raised, raisedBefore, scaleCounts, listenedTheme, target, overdue, names, surveys] = await Promise.all([
    responsesOverTime(db, current, scope.filters.by),
    wherePeopleStop(db, current, now),
    raisedThemes(db, current),
    previous ? raisedThemes(db, previous) : null,
    scaleAnswers(db, current),
    listenedThemeId(db),
    listenedTarget(db),
    overdueActions(db, lang, londonToday(now)),
    themeNames(db, lang),
    surveyChoices(db, lang),
  ]);
  const [published, stopNames, representation, outreach, support] = await Promise.all([
    publishedActionsFor(db, [...raised.keys()], scope.period?.id ?? null),
    questionNames(
      db,
      stops.flatMap((stop) => (stop.questionId === null ? [] : [stop.questionId])),
      [...new Set(stops.map((stop) => stop.surveyId))],
      lang,
    ),
    // Who we are not hearing from: respondents' "about you" answers against the period's local population.
    scope.period
      ? loadRepresentation(db, { periodId: scope.period.id, surveyId: current.surveyId ?? null, audience: current.audience ?? null })
      : ({ status: "noPeriod" } as const),
    // Which routes reach which families: responses, completion and audience by outreach link.
    figuresByLink(db, current),
    // Supported responses by kind of help, suppressed as on the public page: few people are helped.
    suppressionThreshold(db).then((threshold) => supportedByKind(db, current, threshold)),
  ]);
  const loop = closingTheLoop(raised, published);
  const nameOf = (id: number) => names.get(id) ?? { text: "", lang };

  const themeIds = [...new Set([...raised.keys(), ...(raisedBefore?.keys() ?? [])])];
  const themes = themeIds
    .map((id) => ({ id, name: nameOf(id), responses: raised.get(id)?.responses ?? 0, previous: raisedBefore ? (raisedBefore.get(id)?.responses ?? 0) : null }))
    .sort((a, b) => b.responses - a.responses || (b.previous ?? 0) - (a.previous ?? 0) || a.name.text.localeCompare(b.name.text));

  return {
    periods: scope.periods,
    period: scope.period ? { slug: scope.period.slug, name: scope.period.name, lang: scope.period.lang } : null,
    range: { from: current.from, to: current.to },
    previousRange: previous ? { from: previous.from, to: previous.to } : null,
    filters: scope.filters,
    surveys,
    overTime,
    stops: stops.map((stop) => ({
      key: `${stop.surveyId}:${stop.questionId ?? ""}`,
      question: stop.questionId === null ? null : (stopNames.questions.get(stop.questionId) ?? null),
      survey: stopNames.surveys.get(stop.surveyId) ?? null,
      drafts: stop.drafts,
    })),
    themes,
    // Raised themes first, in their order; then any whose scale answers were all "Don't know".
    scales: scaleRows(scaleCounts, [...new Set([...themes.map((theme) => theme.id), ...scaleCounts.map((count) => count.themeId)])], nameOf),
    listened: { ...feltListenedTo(scaleCounts, listenedTheme), target },
    loop: {
      answered: loop.answered,
      raised: loop.themes.length,
      medianDays: loop.medianDays,
      themes: loop.themes
        .map((theme) => ({ ...theme, name: nameOf(theme.themeId) }))
        .sort((a, b) => (a.days ?? Infinity) - (b.days ?? Infinity) || a.name.text.localeCompare(b.name.text)),
    },
    overdue,
    representation,
    outreach,
    support,
  };
}

export type Dashboard = Awaited<ReturnType<typeof insightDashboard>>;

/** For each scale, one row per theme that has answers on it: the count for every answer. */
function scaleRows(counts: ScaleCount[], order: number[], nameOf: (id: number) => { text: string; lang: string }) {
  const rowsFor = (kind: ScaleKind) =>
    order
      .filter((themeId) => counts.some((count) => count.themeId === themeId && count.kind === kind))
      .map((themeId) => {
        const byChoice = Object.fromEntries(
          scales[kind].map((choice) => [choice, counts.find((c) => c.themeId === themeId && c.kind === kind && c.choice === choice)?.answers ?? 0]),
        );
        const sum = (choices: readonly string[]) => choices.reduce((total, choice) => total + (byChoice[choice] ?? 0), 0);
        return {
          themeId,
          name: nameOf(themeId),
          counts: byChoice as Record<string, number>,
          total: sum(scales[kind]),
          // As on the public page: "Don't know" is not an answer either way.
          answered: sum(scales[kind].filter((choice) => choice !== DONT_KNOW)),
          agreed: sum(positive),
        };
      });
  return { agreement_scale: rowsFor("agreement_scale"), smiley_scale: rowsFor("smiley_scale") };
}
