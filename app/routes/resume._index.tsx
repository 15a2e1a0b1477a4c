import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { resumeWithCode } from "~/surveys/resume.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

const CODE_FIELD = "code";

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "survey");
  return json({ title: t("resume.title") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLocale(request);
  const t = await getFixedT(request, ["survey", "common"]);
  const input = String((await request.formData()).get(CODE_FIELD) ?? "");
  const { error } = await resumeWithCode(input, lang, t, context);
  return formFailure(context, { error: t(`resume.errors.${error}`), submitted: input });
}

export default function Resume() {
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("survey");
  return (
    <TwoThirds>
      <ErrorSummary errors={failure ? [{ field: CODE_FIELD, message: failure.error }] : []} />
      <form method="post" noValidate>
        <TextInput
          id={CODE_FIELD}
          name={CODE_FIELD}
          label={t("resume.title")}
          labelIsHeading
          hint={t("resume.hint")}
          error={failure?.error}
          defaultValue={failure?.submitted}
          className="govuk-input--width-20 app-code-input"
        />
        <button type="submit" className="govuk-button">
          {t("resume.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
