import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Select } from "~/components/Select";
import { ThemeTextFields } from "~/components/ThemeTextFields";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { readThemeTexts } from "~/moderation/theme-form";
import { continueMerges, mergesUnderWay, startMerge } from "~/moderation/merges.server";
import { deleteTheme, setRetired, ThemeError, themesForAdmin, updateThemeTexts, type ThemeText } from "~/moderation/themes.server";
import { PendingRevisions } from "~/publishing/PublicationPanel";
import { PublishError } from "~/publishing/publishing.server";
import { approveRevision, pendingRevisions, proposeRevision, withdrawRevision } from "~/publishing/revisions.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { formValues } from "~/utils/forms";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, ["staff", "common"]);
  const themes = await themesForAdmin(getDb(), await getLocale(request));
  const theme = themes.find((candidate) => candidate.id === Number(id));
  if (!theme) httpError(t, 404, "notFound");
  return { session, t, themes, theme };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, themes, theme } = await load(request, params.id);
  const url = new URL(request.url);
  const merge = (await mergesUnderWay(getDb())).find((row) => row.theme_id === theme.id);
  const values = Object.fromEntries(
    theme.texts.flatMap((text) => [
      [`name_${text.lang}`, text.name],
      [`description_${text.lang}`, text.description ?? ""],
    ]),
  );
  return json({
    title: t("themes.edit.title", { name: theme.name }),
    csrf: session.csrfToken,
    theme,
    values,
    targets: themes.filter((other) => other.id !== theme.id && !other.retired_at).map((other) => ({ value: String(other.id), label: other.name })),
    notice: url.searchParams.get("notice"),
    merge: merge ? { into: themes.find((other) => other.id === merge.into_id)?.name ?? "", moved: merge.tags_moved } : null,
    mergedInto: theme.merged_into ? (themes.find((other) => other.id === theme.merged_into)?.name ?? "") : null,
    userId: session.user.id,
    revisions: await pendingRevisions(getDb(), "theme", theme.id),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, theme } = await load(request, params.id);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const values = formValues(form);
  const db = getDb();
  const intent = form.get("intent");
  try {
    if (intent === "texts") {
      const { texts, errors } = readThemeTexts(form);
      if (errors.length) return formFailure(context, { errors: errors.map((e) => ({ field: e.field, message: t(`themes.errors.${e.message}`) })), values });
      // Theme names are public: a new name waits for a second administrator.
      const english = texts.find((text) => text.lang === "en");
      await proposeRevision(
        db,
        "theme",
        theme.id,
        { kind: "details", payload: texts, note: [english?.name, english?.description].filter(Boolean).join(": "), correction: false },
        session.user,
      );
      throw redirect(`/admin/themes/${theme.id}?notice=revisionProposed`, 303);
    }
    if (intent === "revision-approve" || intent === "revision-withdraw") {
      const revision = Number(form.get("revision"));
      if (intent === "revision-withdraw") await withdrawRevision(db, "theme", theme.id, revision, session.user);
      else
        await approveRevision(db, "theme", theme.id, revision, session.user, (_kind, change) =>
          updateThemeTexts(db, theme.id, change as ThemeText[], session.user.id),
        );
      throw redirect(`/admin/themes/${theme.id}?notice=${intent === "revision-approve" ? "revisionApproved" : "revisionWithdrawn"}`, 303);
    }
    if (intent === "retire" || intent === "restore") {
      await setRetired(db, theme.id, intent === "retire", session.user.id);
      throw redirect(`/admin/themes/${theme.id}?notice=saved`, 303);
    }
    if (intent === "merge") {
      const into = Number(form.get("into"));
      if (!Number.isInteger(into) || into <= 0) return formFailure(context, { errors: [{ field: "into", message: t("themes.errors.into") }], values });
      await startMerge(db, theme.id, into, session.user.id);
      // The tags move after this answer, batch by batch; the scheduled work picks up any left over.
      continueMerges(db).catch((error: unknown) => console.error("theme merges:", error));
      throw redirect(`/admin/themes/${theme.id}`, 303);
    }
    if (intent === "delete") {
      await deleteTheme(db, theme.id, session.user.id);
      throw redirect("/admin/themes?notice=deleted", 303);
    }
  } catch (error) {
    if (error instanceof PublishError)
      return formFailure(context, { errors: [{ field: "name_en", message: t(`publication.errors.${error.reason}`) }], values });
    if (!(error instanceof ThemeError)) throw error;
    const field = intent === "merge" ? "into" : intent === "delete" ? "delete" : "name_en";
    return formFailure(context, { errors: [{ field, message: t(`themes.errors.${error.reason}`) }], values });
  }
  httpError(t, 400, "badForm");
}

export default function EditTheme() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const { theme } = data;
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  return (
    <>
      <BackLink to="/admin/themes" />
      <ErrorSummary errors={errors} />
      {data.notice ? <Notice>{data.notice.startsWith("revision") ? t(`publication.done.${data.notice}`) : t("themes.edit.saved")}</Notice> : null}
      {data.merge ? (
        <Notice>{t("themes.edit.merging", { name: data.merge.into, count: data.merge.moved })}</Notice>
      ) : data.mergedInto !== null ? (
        <p className="govuk-body">{t("themes.merged", { name: data.mergedInto })}</p>
      ) : null}
      <h1 className="govuk-heading-l">{t("themes.edit.title", { name: theme.name })}</h1>
      <p className="govuk-body">{t("themes.uses", { responses: theme.responses, questions: theme.questions, quotes: theme.quotes })}</p>
      <PendingRevisions revisions={data.revisions} csrf={data.csrf} userId={data.userId} />
      <form method="post" noValidate className="app-narrow-form">
        {csrf}
        <ThemeTextFields values={failure?.values ?? data.values} errors={errors} />
        <button type="submit" name="intent" value="texts" className="govuk-button">
          {t("themes.edit.save")}
        </button>
      </form>
      {theme.merged_into ? null : (
        <>
          <h2 className="govuk-heading-m">{theme.retired_at ? t("themes.edit.restore") : t("themes.edit.retire")}</h2>
          {theme.retired_at ? null : <p className="govuk-body">{t("themes.edit.retireHint")}</p>}
          <form method="post">
            {csrf}
            <button type="submit" name="intent" value={theme.retired_at ? "restore" : "retire"} className="govuk-button govuk-button--secondary">
              {theme.retired_at ? t("themes.edit.restore") : t("themes.edit.retire")}
            </button>
          </form>
          <h2 className="govuk-heading-m">{t("themes.edit.merge")}</h2>
          <form method="post" noValidate className="app-narrow-form">
            {csrf}
            <Select
              id="into"
              name="into"
              label={t("themes.edit.mergeInto")}
              hint={t("themes.edit.mergeHint")}
              error={errors.find((e) => e.field === "into")?.message}
              options={[{ value: "", label: t("themes.choose") }, ...data.targets]}
            />
            <button type="submit" name="intent" value="merge" className="govuk-button govuk-button--warning">
              {t("themes.edit.mergeSubmit")}
            </button>
          </form>
        </>
      )}
      {theme.uses === 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("themes.edit.delete")}</h2>
          <p className="govuk-body">{t("themes.edit.deleteHint")}</p>
          <form method="post">
            {csrf}
            <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning" id="delete">
              {t("themes.edit.delete")}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
