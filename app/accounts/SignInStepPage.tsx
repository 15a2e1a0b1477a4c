import type { ReactNode } from "react";
import { CSRF_FIELD } from "~/accounts/csrf";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";

/** The page of a sign-in step after the password: a heading, a line on what to do, and one form. */
export function SignInStepPage(props: {
  title: string;
  lead: string;
  csrf: string;
  errors: FieldError[];
  submit: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <TwoThirds>
      <ErrorSummary errors={props.errors} />
      <h1 className="govuk-heading-l">{props.title}</h1>
      <p className="govuk-body">{props.lead}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        {props.children}
        <button type="submit" className="govuk-button">
          {props.submit}
        </button>
      </form>
      {props.after}
    </TwoThirds>
  );
}
