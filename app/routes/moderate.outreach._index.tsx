import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { surveyChoices } from "~/moderation/queue.server";
import { createLinkFromForm } from "~/outreach/link-form.server";
import { linkPath, listLinks } from "~/outreach/links.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";
import { outreachKinds } from "../../db/schema";

export const handle = { i18n: ["common", "staff"] };

/**
 * Outreach links: moderators make one for each place a survey is shared (a school, a family hub, a
 * newsletter). It is everyday engagement work that shows no response, so it sits with moderators
 * (and so administrators) rather than with administrators alone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const [t, lang] = await Promise.all([getFixedT(request, "staff"), getLocale(request)]);
  const [links, surveys] = await Promise.all([listLinks(getDb()), surveyChoices(getDb(), lang)]);
  return json({ title: t("outreach.title"), csrf: session.csrfToken, links, surveys });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  const made = await createLinkFromForm(getDb(), context, staff);
  if (made.failure) return made.failure;
  throw redirect(`/moderate/outreach/${made.link.id}?done=created`, 303);
}

export default function OutreachLinks() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const values = failure?.values ?? {};
  const surveyTitle = new Map(data.surveys.map((survey) => [survey.slug, survey.title]));
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("outreach.title")}</h1>
      <p className="govuk-body">{t("outreach.lead")}</p>
      {data.links.length === 0 ? (
        <p className="govuk-body">{t("outreach.none")}</p>
      ) : (
        <Table caption={t("outreach.title")} headers={(["name", "kind", "survey", "address", "state"] as const).map((column) => t(`outreach.table.${column}`))}>
          {data.links.map((link) => (
            <tr key={link.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/moderate/outreach/${link.id}`}>
                  {link.name}
                </Link>
              </td>
              <td className="govuk-table__cell">{t(`outreach.kinds.${link.kind}`)}</td>
              <td className="govuk-table__cell">{surveyTitle.get(link.survey) ?? link.survey}</td>
              <td className="govuk-table__cell app-short-code">{linkPath(link.code)}</td>
              <td className="govuk-table__cell">
                {link.paused_at ? (
                  <strong className="govuk-tag govuk-tag--grey">{t("outreach.paused")}</strong>
                ) : (
                  <strong className="govuk-tag">{t("outreach.live")}</strong>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 className="govuk-heading-m">{t("outreach.add")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput
          id="name"
          name="name"
          label={t("outreach.fields.name")}
          hint={t("outreach.fields.nameHint")}
          error={errorFor("name")}
          defaultValue={values.name}
        />
        <Select
          id="kind"
          name="kind"
          label={t("outreach.fields.kind")}
          error={errorFor("kind")}
          defaultValue={values.kind}
          options={[{ value: "", label: t("outreach.fields.choose") }, ...outreachKinds.map((kind) => ({ value: kind, label: t(`outreach.kinds.${kind}`) }))]}
        />
        <Select
          id="survey"
          name="survey"
          label={t("outreach.fields.survey")}
          error={errorFor("survey")}
          defaultValue={values.survey}
          options={[{ value: "", label: t("outreach.fields.choose") }, ...data.surveys.map((survey) => ({ value: survey.slug, label: survey.title }))]}
        />
        <button type="submit" className="govuk-button">
          {t("outreach.create")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
