import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Table } from "~/components/Table";
import { TextInput } from "~/components/TextFields";
import { ThemeTextFields } from "~/components/ThemeTextFields";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { readThemeTexts, ThemeSlug } from "~/moderation/theme-form";
import { createTheme, ThemeError, themesForAdmin } from "~/moderation/themes.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { formValues } from "~/utils/forms";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const url = new URL(request.url);
  return json({
    title: t("themes.title"),
    csrf: session.csrfToken,
    themes: await themesForAdmin(getDb(), await getLocale(request)),
    notice: url.searchParams.get("notice"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, "staff");
  const values = formValues(form);
  const slug = ThemeSlug.safeParse(form.get("slug") ?? "");
  const { texts, errors } = readThemeTexts(form);
  if (!slug.success) errors.unshift({ field: "slug", message: "slug" });
  if (!slug.success || errors.length > 0) {
    return formFailure(context, { errors: errors.map((e) => ({ field: e.field, message: t(`themes.errors.${e.message}`) })), values });
  }
  try {
    await createTheme(getDb(), slug.data, texts, session.user.id);
  } catch (error) {
    if (!(error instanceof ThemeError)) throw error;
    return formFailure(context, { errors: [{ field: "slug", message: t(`themes.errors.${error.reason}`) }], values });
  }
  throw redirect("/admin/themes?notice=added", 303);
}

export default function Themes() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const nameOf = (id: number | null) => data.themes.find((theme) => theme.id === id)?.name ?? "";
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("themes.title")}</h1>
      <p className="govuk-body">{t("themes.lead")}</p>
      {data.notice ? <Notice>{t(data.notice === "deleted" ? "themes.edit.deleted" : "themes.added")}</Notice> : null}
      <Table caption={t("themes.title")} headers={(["name", "uses", "state", "actions"] as const).map((column) => t(`themes.table.${column}`))}>
        {data.themes.map((theme) => (
          <tr key={theme.id} className="govuk-table__row">
            <td className="govuk-table__cell">{theme.name}</td>
            <td className="govuk-table__cell">{t("themes.uses", { responses: theme.responses, questions: theme.questions, quotes: theme.quotes })}</td>
            <td className="govuk-table__cell">
              {theme.merged_into ? t("themes.merged", { name: nameOf(theme.merged_into) }) : theme.retired_at ? t("themes.retired") : t("themes.active")}
            </td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/admin/themes/${theme.id}`}>
                {t("users.change")}
                <span className="govuk-visually-hidden"> {theme.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>
      <h2 className="govuk-heading-m">{t("themes.add")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput
          id="slug"
          name="slug"
          label={t("themes.slug")}
          hint={t("themes.slugHint")}
          error={errors.find((e) => e.field === "slug")?.message}
          defaultValue={failure?.values.slug}
        />
        <ThemeTextFields values={failure?.values ?? {}} errors={errors} />
        <button type="submit" className="govuk-button">
          {t("themes.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
