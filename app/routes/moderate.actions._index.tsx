import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { actionStatuses } from "~/actions/action-form";
import { listActions } from "~/actions/actions.server";
import { requireStaff } from "~/accounts/session.server";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { htmlLang, intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { themeChoices } from "~/moderation/queue.server";
import { actionTranslationProgress } from "~/translations/action-translations.server";
import { MissingLanguages } from "~/translations/TranslationParts";
import { dayInWords } from "~/utils/date-input";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

const blank = (value: unknown) => (value === "" ? undefined : value);
const Filters = z.object({
  status: z.preprocess(blank, z.enum(actionStatuses).optional()).catch(undefined),
  theme: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  const lang = await getLocale(request);
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [actions, themes] = await Promise.all([listActions(getDb(), lang, filters), themeChoices(getDb(), lang)]);
  const progress = await actionTranslationProgress(
    getDb(),
    actions.map((action) => action.id),
  );
  return json({ title: t("actions.title"), filters, actions: actions.map((action) => ({ ...action, translations: progress.get(action.id) ?? [] })), themes });
}

export default function Actions() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const any = { value: "", label: t("actions.any") };
  return (
    <>
      <h1 className="govuk-heading-l">{t("actions.title")}</h1>
      <p className="govuk-body">{t("actions.lead")}</p>
      <p className="govuk-body">
        <Link className="govuk-link govuk-!-font-weight-bold" to="/moderate/actions/new">
          {t("actions.add")}
        </Link>
      </p>
      <form method="get" className="app-filters" aria-labelledby="action-filters">
        <h2 className="govuk-heading-s" id="action-filters">
          {t("actions.filters")}
        </h2>
        <div className="app-filters__fields">
          <Select
            id="status"
            name="status"
            label={t("actions.status")}
            defaultValue={data.filters.status}
            options={[any, ...actionStatuses.map((s) => ({ value: s, label: t(`actions.statuses.${s}`) }))]}
          />
          <Select
            id="theme"
            name="theme"
            label={t("actions.theme")}
            defaultValue={data.filters.theme ? String(data.filters.theme) : ""}
            options={[any, ...data.themes.map((th) => ({ value: String(th.id), label: th.name }))]}
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("actions.apply")}
        </button>
      </form>
      {data.actions.length === 0 ? (
        <p className="govuk-body">{t("actions.none")}</p>
      ) : (
        <Table
          caption={t("actions.title")}
          headers={(["title", "owner", "due", "status", "translations"] as const).map((column) => t(`actions.table.${column}`))}
        >
          {data.actions.map((action) => (
            <tr key={action.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link
                  className="govuk-link"
                  to={`/moderate/actions/${action.id}`}
                  lang={htmlLang(action.lang) === htmlLang(i18n.language) ? undefined : htmlLang(action.lang)}
                >
                  {action.title}
                </Link>
              </td>
              <td className="govuk-table__cell">{action.owner}</td>
              <td className="govuk-table__cell">{dayInWords(action.due_on, intlLocale(i18n.language))}</td>
              <td className="govuk-table__cell">
                <strong className={`govuk-tag app-action-status--${action.status}`}>{t(`actions.statuses.${action.status}`)}</strong>
              </td>
              <td className="govuk-table__cell">
                <MissingLanguages progress={action.translations} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
