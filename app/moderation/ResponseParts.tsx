import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "../accounts/csrf";
import { TextArea } from "../components/TextFields";
import type { responsePageData } from "./response-page.server";

/**
 * A moderator's page for one response is made of its answers (ResponseAnswers), the theme form
 * (ResponseThemeForm), and the notes and flagging below.
 */

export type ResponsePage = SerializeFrom<Awaited<ReturnType<typeof responsePageData>>>;
export type ErrorFor = (field: string) => string | undefined;

/** The id of the "Saved" banner: a save lands on it, so the page opens there and it takes the focus. */
export const SAVED_ANCHOR = "saved";

/** Private notes: read by moderators only, never published. */
export function Notes({ page, errorFor, typed, date }: { page: ResponsePage; errorFor: ErrorFor; typed?: string; date: (iso: string) => string }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h2 className="govuk-heading-m">{t("response.notes")}</h2>
      <p className="govuk-body-s">{t("response.notesHint")}</p>
      {page.response.notes.length === 0 ? <p className="govuk-body">{t("response.noNotes")}</p> : null}
      <ul className="govuk-list">
        {page.response.notes.map((note) => (
          <li key={note.id}>
            <p className="govuk-body app-free-text">{note.body}</p>
            <p className="govuk-body-s">{t("response.noteBy", { name: note.name, date: date(note.created_at) })}</p>
          </li>
        ))}
      </ul>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={page.csrf} />
        <TextArea id="note" name="note" label={t("response.note")} rows={3} error={errorFor("note")} defaultValue={typed ?? ""} />
        <button type="submit" name="intent" value="note" className="govuk-button govuk-button--secondary">
          {t("response.addNote")}
        </button>
      </form>
    </>
  );
}

/** Flagging a safeguarding concern takes the response out of the queue at once. */
export function FlagForm({ csrf, errorFor, typed }: { csrf: string; errorFor: ErrorFor; typed?: string }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h2 className="govuk-heading-m">{t("response.flag.heading")}</h2>
      <p className="govuk-body">{t("response.flag.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextArea
          id="reason"
          name="reason"
          label={t("response.flag.reason")}
          hint={t("response.flag.reasonHint")}
          rows={3}
          error={errorFor("reason")}
          defaultValue={typed ?? ""}
        />
        <button type="submit" name="intent" value="flag" className="govuk-button govuk-button--warning">
          {t("response.flag.submit")}
        </button>
      </form>
    </>
  );
}
