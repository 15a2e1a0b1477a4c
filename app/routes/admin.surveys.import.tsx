import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { audit } from "~/accounts/audit.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { importSurvey } from "~/surveys/create.server";
import { forgetSurveys } from "~/surveys/surveys.server";
import { readSurveyUpload } from "~/surveys/survey-file.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({ title: t("builder.import.title"), csrf: session.csrfToken });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const file = staff.form.get("file");
  const refuse = (message: string, problems: string[] = []) => formFailure(context, { errors: [{ field: "file", message }], problems });
  if (!(file instanceof File) || file.size === 0) return refuse(staff.t("builder.import.noFile"));
  const read = await readSurveyUpload(file.name, new Uint8Array(await file.arrayBuffer()));
  if (read.status === "refused") return refuse(staff.t("builder.import.problems", { count: read.problems.length }), read.problems);
  const result = await importSurvey(getDb(), read.data);
  if (result.status === "refused") return refuse(staff.t("builder.import.problems", { count: result.problems.length }), result.problems);
  await audit(getDb(), {
    userId: staff.session.user.id,
    action: "survey.imported",
    entity: "survey",
    entityId: result.surveyId,
    after: { file: file.name.slice(0, 200) },
  });
  await forgetSurveys(getDb());
  throw redirect(`/admin/surveys/${result.slug}?done=imported`, 303);
}

export default function ImportSurvey() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const error = errors[0]?.message;
  return (
    <>
      <Link to="/admin/surveys" className="govuk-back-link">
        {t("builder.backToSurveys")}
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("builder.import.title")}</h1>
      <p className="govuk-body">{t("builder.import.lead")}</p>
      <p className="govuk-body">{t("builder.import.spreadsheet")}</p>
      <form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
            {t("builder.import.file")}
          </label>
          <div className="govuk-hint" id="file-hint">
            {t("builder.import.fileHint")}
          </div>
          {error ? (
            <p className="govuk-error-message" id="file-error">
              <span className="govuk-visually-hidden">{t("common:errorPrefix")}</span> {error}
            </p>
          ) : null}
          {failure?.problems.length ? (
            <ul className="govuk-list govuk-list--bullet app-file-problems" id="file-problems">
              {failure.problems.map((problem, index) => (
                <li key={index}>
                  <code>{problem}</code>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
            id="file"
            name="file"
            type="file"
            accept=".json,application/json,.xlsx"
            aria-describedby={["file-hint", error ? "file-error" : "", failure?.problems.length ? "file-problems" : ""].filter(Boolean).join(" ")}
          />
        </div>
        <button type="submit" className="govuk-button">
          {t("builder.import.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
