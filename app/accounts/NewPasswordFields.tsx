import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FieldError } from "~/components/ErrorSummary";
import { TextInput } from "~/components/TextFields";
import { PASSWORD_MIN_LENGTH } from "./password-rules";

/** A new password, typed twice, as the pages for a temporary password and a reset link ask for it. */
export function NewPasswordFields({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <TextInput
        id="password"
        name="password"
        type="password"
        label={t("newPassword.password")}
        hint={t("newPassword.passwordHint", { count: PASSWORD_MIN_LENGTH })}
        error={errors.find((error) => error.field === "password")?.message}
        autoComplete="new-password"
        className="govuk-!-width-two-thirds"
      />
      <TextInput
        id="again"
        name="again"
        type="password"
        label={t("newPassword.again")}
        error={errors.find((error) => error.field === "again")?.message}
        autoComplete="new-password"
        className="govuk-!-width-two-thirds"
      />
    </>
  );
}

/** The new password from the form, or what is missing: never what was typed, which is not sent back. */
export function readNewPassword(form: FormData, t: TFunction): { password: string; errors: FieldError[] } {
  const password = String(form.get("password") ?? "");
  const again = String(form.get("again") ?? "");
  const errors: FieldError[] = [];
  if (!password) errors.push({ field: "password", message: t("newPassword.errors.password") });
  else if (again !== password) errors.push({ field: "again", message: t("newPassword.errors.again") });
  return { password, errors };
}
