import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { checkTyped, finish, nextStep, readTyped } from "~/responses/erasure-form.server";
import { AlreadyAsked, AlreadyDeleted, AskForm, ConfirmStep, Deleted, Held, Waiting } from "~/responses/ErasureParts";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  return json({ title: fixedT(lang, "pages")("erasure.title") });
}

/**
 * Three posts, never a link: the reference and code stay out of every URL and server log.
 * "start" comes from /my-feedback with the reference filled in; "check" asks "are you sure?";
 * "confirm" deletes the answers, or records the request.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLocale(request);
  const t = fixedT(lang, ["pages", "common"]);
  const form = await request.formData();
  const typed = readTyped(form);
  const intent = form.get("intent");
  if (intent === "start") return json({ lang, step: "ask" as const, typed, errors: [] });
  const checked = await checkTyped(typed, context.clientAddress, t);
  if ("errors" in checked) return formFailure(context, { lang, step: "ask" as const, typed, errors: checked.errors });
  if (intent === "confirm" && checked.ownership.kind === "found") return json({ lang, ...(await finish(checked.reference, checked.code, typed)) });
  return json({ lang, ...nextStep(checked.ownership, checked.reference, typed) });
}

export default function DeleteMyAnswers() {
  const result = useActionData<typeof action>();
  if (!result || result.step === "ask") {
    return (
      <TwoThirds>
        <ErrorSummary errors={result?.errors ?? []} />
        <AskForm typed={result?.typed} errors={result?.errors ?? []} />
      </TwoThirds>
    );
  }
  const { lang } = result;
  return (
    <TwoThirds>
      {result.step === "confirm" ? (
        <ConfirmStep reference={result.reference} typed={result.typed} verified={result.verified} submittedAt={result.submittedAt} lang={lang} />
      ) : null}
      {result.step === "alreadyAsked" ? <AlreadyAsked since={result.since} lang={lang} /> : null}
      {result.step === "alreadyDeleted" ? <AlreadyDeleted on={result.on} lang={lang} /> : null}
      {result.step === "deleted" ? <Deleted erased={result.erased} /> : null}
      {result.step === "waiting" ? <Waiting since={result.since} lang={lang} /> : null}
      {result.step === "held" ? <Held /> : null}
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
