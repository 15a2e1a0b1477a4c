import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "../accounts/csrf";
import { Choices } from "../components/Choices";
import { statuses } from "./filters";
import { SAVED_ANCHOR, type ErrorFor, type ResponsePage } from "./ResponseParts";

/**
 * GOV.UK's success banner after "Save". The save redirects to #saved, so without JavaScript the
 * browser opens the page at the banner and focuses it (it can take focus: tabindex -1); with
 * JavaScript the page moves focus to it after each save.
 */
function SavedBanner({ status }: { status: string }) {
  const { t } = useTranslation("staff");
  const banner = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => banner.current?.focus(), [location.key]);
  return (
    <div
      ref={banner}
      id={SAVED_ANCHOR}
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="saved-title"
      tabIndex={-1}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- the keyboard flow: after saving, the confirmation is where the person is
      autoFocus
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="saved-title">
          {t("response.savedTitle")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{t("response.saved")}</p>
        <p className="govuk-body">{t("response.savedStatus", { status: t(`status.${status}`) })}</p>
      </div>
    </div>
  );
}

/** "Find a theme": narrows the list without JavaScript, keeping the queue's filters. */
function FindTheme({ page, shown }: { page: ResponsePage; shown: number }) {
  const { t } = useTranslation("staff");
  return (
    <form method="get" className="app-find-theme" role="search">
      {page.queueParams.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="govuk-label" htmlFor="find">
        {t("response.findTheme")}
      </label>
      <div className="app-find-theme__row">
        <input className="govuk-input govuk-input--width-20" id="find" name="find" type="search" defaultValue={page.find} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("response.findThemeSubmit")}
        </button>
      </div>
      {page.find ? (
        <p className="govuk-body">
          {shown === 0 ? `${t("response.noThemeMatches", { find: page.find })} ` : null}
          <Link className="govuk-link" to={`/moderate/responses/${page.response.id}${page.queueQuery}`}>
            {t("response.showAllThemes")}
          </Link>
        </p>
      ) : null}
    </form>
  );
}

interface ThemeFormProps {
  page: ResponsePage;
  errorFor: ErrorFor;
  /** What the moderator chose when a save failed, to show again. */
  submitted: { themeIds: number[]; status: string } | null;
}

/**
 * The themes and status. Suggested themes carry a hint saying so and which words led to them;
 * they are never ticked for the moderator.
 */
export function ThemeForm({ page, errorFor, submitted }: ThemeFormProps) {
  const { t } = useTranslation("staff");
  const { response } = page;
  const selected = (submitted?.themeIds ?? response.themeIds).map(String);
  const needle = page.find.toLocaleLowerCase();
  const shown = needle ? page.themes.filter((theme) => theme.name.toLocaleLowerCase().includes(needle)) : page.themes;
  // Ticked themes hidden by "Find a theme" stay ticked.
  const hiddenSelected = selected.filter((id) => !shown.some((theme) => String(theme.id) === id));
  const suggestion = (themeId: number) => page.suggestions.find((s) => s.themeId === themeId);
  const themeName = (id: number) => page.themes.find((theme) => theme.id === id)?.name ?? String(id);
  return (
    <>
      {page.saved && !submitted ? <SavedBanner status={response.status} /> : null}
      <FindTheme page={page} shown={shown.length} />
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={page.csrf} />
        <input type="hidden" name="version" value={response.version} />
        {hiddenSelected.map((id) => (
          <input key={id} type="hidden" name="theme" value={id} />
        ))}
        <Choices
          id="themes"
          name="theme"
          variant="checkboxes"
          className="govuk-checkboxes--small"
          legend={t("response.themes")}
          hint={page.suggestions.length > 0 ? `${t("response.themesHint")} ${t("response.suggestionsHint")}` : t("response.themesHint")}
          error={errorFor("themes")}
          selected={selected}
          items={shown.map((theme) => {
            const suggested = suggestion(theme.id);
            return { value: String(theme.id), label: theme.name, hint: suggested ? t("response.suggested", { words: suggested.words.join(", ") }) : undefined };
          })}
        />
        {response.automaticThemeIds.length > 0 ? (
          <p className="govuk-body-s">{t("response.automatic", { themes: response.automaticThemeIds.map(themeName).join(", ") })}</p>
        ) : null}
        <Choices
          id="status"
          name="status"
          className="govuk-radios--small govuk-radios--inline"
          legend={t("response.status")}
          error={errorFor("status")}
          selected={[submitted?.status ?? response.status]}
          items={statuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
        <div className="govuk-button-group">
          <button type="submit" name="intent" value="save-next" className="govuk-button">
            {t("response.saveNext")}
          </button>
          <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
            {t("response.save")}
          </button>
        </div>
      </form>
    </>
  );
}
