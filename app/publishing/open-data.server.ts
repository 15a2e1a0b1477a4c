import { stringify } from "csv-stringify/sync";
import { Feed } from "feed";
import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import { neutralise } from "../exports/neutralise";
import { htmlLang } from "../i18n/config";
import { publicActionUpdates, youSaidWeDid } from "./public.server";

/**
 * The public page as open data. The figures are exactly the page's: the same suppression, the same
 * published statements and actions, nothing else. Field meanings are in docs/open-data.md.
 */
export async function openData(db: DB, lang: string, period: string | undefined, threshold: number, origin: string) {
  const data = await youSaidWeDid(db, lang, { period }, threshold);
  if (!data.period || !("overview" in data)) return null;
  const { overview } = data;
  const themeSlug = new Map(data.sections.map((section) => [section.themeId, section.slug]));
  return {
    period: { id: data.period.slug, name: data.period.name, startDate: data.period.from, endDate: data.period.to },
    lastUpdated: data.lastUpdated,
    suppressionThreshold: threshold,
    responses: {
      total: overview.responses.total,
      parentsCarers: overview.responses.parts.parent_carer,
      youngPeople: overview.responses.parts.young_person,
    },
    feltListenedToPercent: overview.listenedPercent,
    actionsByStatus: {
      planned: overview.actions.planned,
      inProgress: overview.actions.in_progress,
      done: overview.actions.done,
      notPossible: overview.actions.not_possible,
    },
    themes: data.sections.map((section) => ({
      id: section.slug,
      name: section.name,
      url: `${origin}/you-said-we-did/themes/${section.slug}?period=${data.period.slug}`,
      youSaid: section.summary,
      youSaidLanguage: section.summaryLang,
      responsesRaised: section.raised,
      parentsCarers: section.split.parent_carer,
      youngPeople: section.split.young_person,
      agreedPercent: section.agreedPercent,
      askedInSeveralWordings: section.wordings,
      quotes: section.quotes.map((quote) => ({ text: quote.text, language: quote.lang, englishTranslation: quote.translation })),
      corrections: section.corrections.map((c) => ({ date: c.on, note: c.note })),
      actionIds: section.actions.map((action) => action.id),
    })),
    actions: data.actions.map((action) => ({
      id: action.id,
      title: action.title,
      url: `${origin}/you-said-we-did/actions/${action.id}`,
      language: action.langs.title,
      languages: {
        title: action.langs.title,
        description: action.langs.description,
        measureOfSuccess: action.langs.measure,
        statusReason: action.statusReason === null ? null : action.langs.statusReason,
        impact: action.impact === null ? null : action.langs.impact,
      },
      description: action.description,
      owner: action.owner,
      partner: action.partner,
      dueDate: action.dueOn,
      status: action.status,
      statusReason: action.statusReason,
      measureOfSuccess: action.measure,
      impact: action.impact,
      latestUpdate: action.latestUpdate ? { date: action.latestUpdate.on, text: action.latestUpdate.body, language: action.latestUpdate.lang } : null,
      themes: action.themeIds.map((id) => themeSlug.get(id)).filter(Boolean),
      corrections: action.corrections.map((c) => ({ date: c.on, note: c.note })),
    })),
  };
}

export type OpenData = NonNullable<Awaited<ReturnType<typeof openData>>>;

export const csvColumns = [
  "record",
  "period",
  "theme",
  "theme_name",
  "you_said",
  "responses_raised",
  "parents_carers",
  "young_people",
  "agreed_percent",
  "action_id",
  "action_title",
  "status",
  "owner",
  "partner",
  "due_date",
  "measure_of_success",
  "latest_update_date",
  "latest_update",
  "impact",
  "url",
] as const;

/** One row per theme statement, then one per action. A figure that is not published is "[c]" (confidential), as ONS writes it. */
export function toCsv(data: OpenData): string {
  const figure = (value: number | null) => (value === null ? "[c]" : value);
  const rows = [
    ...data.themes.map((theme) => ({
      record: "statement",
      period: data.period.id,
      theme: theme.id,
      theme_name: theme.name,
      you_said: theme.youSaid,
      responses_raised: figure(theme.responsesRaised),
      parents_carers: figure(theme.parentsCarers),
      young_people: figure(theme.youngPeople),
      agreed_percent: figure(theme.agreedPercent),
      url: theme.url,
    })),
    ...data.actions.map((action) => ({
      record: "action",
      period: data.period.id,
      theme: action.themes.join(" "),
      action_id: action.id,
      action_title: action.title,
      status: action.status,
      owner: action.owner,
      partner: action.partner,
      due_date: action.dueDate,
      measure_of_success: action.measureOfSuccess,
      latest_update_date: action.latestUpdate?.date,
      latest_update: action.latestUpdate?.text,
      impact: action.impact,
      url: action.url,
    })),
  ];
  return stringify(
    rows.map((row) => Object.fromEntries(csvColumns.map((column) => [column, neutralise((row as Record<string, unknown>)[column] ?? "")]))),
    { header: true, columns: [...csvColumns], bom: true },
  );
}

/** Atom entry titles and content are HTML: plain text from moderators is escaped, never interpreted. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An update not yet translated into the feed's language says which language it is in. */
const inLanguage = (textLang: string, feedLang: string, content: string) =>
  htmlLang(textLang) === htmlLang(feedLang) ? content : `<div lang="${htmlLang(textLang)}">${content}</div>`;

/** The latest updates to published actions as an Atom feed, newest first. */
export async function actionUpdatesFeed(db: DB, lang: string, origin: string, t: TFunction, organisation: string) {
  const updates = await publicActionUpdates(db, lang);
  const feed = new Feed({
    title: t("ysd.feed.title"),
    description: t("ysd.feed.description"),
    id: `${origin}/you-said-we-did`,
    link: `${origin}/you-said-we-did`,
    language: lang,
    updated: updates[0] ? new Date(updates[0].recordedAt) : new Date(0),
    feedLinks: { atom: `${origin}/you-said-we-did.atom` },
    copyright: organisation || t("ysd.feed.title"),
    author: organisation ? { name: organisation } : undefined,
  });
  for (const update of updates) {
    const link = `${origin}/you-said-we-did/actions/${update.actionId}`;
    feed.addItem({
      title: html(t("ysd.feed.entry", { action: update.actionTitle, status: t(`ysd.statuses.${update.status}`) })),
      id: `${link}#update-${update.id}`,
      link,
      date: new Date(update.recordedAt),
      published: new Date(`${update.on}T00:00:00Z`),
      content: inLanguage(
        update.lang,
        lang,
        html(update.body)
          .split(/\n{2,}/)
          .map((paragraph) => `<p>${paragraph.replace(/\n/g, "<br>")}</p>`)
          .join(""),
      ),
    });
  }
  return feed.atom1();
}
