import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFields } from "~/actions/ActionFields";
import { actionFormValues, readActionForm } from "~/actions/action-form.server";
import { ActionError, createAction } from "~/actions/actions.server";
import { actionFormOptions } from "~/actions/options.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  return json({ title: t("actions.new.title"), csrf: session.csrfToken, ...(await actionFormOptions(getDb(), await getLocale(request))) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  const values = actionFormValues(staff);
  const read = readActionForm(staff);
  if (read.errors) return formFailure(context, { errors: read.errors, values });
  try {
    const id = await createAction(getDb(), read.data, staff.session.user.id);
    throw redirect(`/moderate/actions/${id}?notice=created`, 303);
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    return formFailure(context, { errors: [{ field: error.field ?? "theme", message: staff.t(`actions.errors.${error.reason}`) }], values });
  }
}

export default function NewAction() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <>
      <BackLink to="/moderate/actions" />
      <ErrorSummary errors={failure?.errors ?? []} />
      <h1 className="govuk-heading-l">{t("actions.new.title")}</h1>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <ActionFields values={failure?.values ?? {}} errors={failure?.errors ?? []} themes={data.themes} surveys={data.surveys} periods={data.periods} />
        <button type="submit" className="govuk-button">
          {t("actions.form.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
