// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Table } from "~/components/Table";
import { instanceFor } from "~/i18n/i18n.server";
import { choicesFor } from "~/surveys/choices";
import type { QuestionView } from "~/surveys/model";
import { QuestionField } from "~/surveys/QuestionField";

const i18n = instanceFor("en");
const t = i18n.getFixedT("en", ["survey", "common"]);
const renderInEnglish = (ui: React.ReactElement) => render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);

function question(overrides: Partial<QuestionView>): QuestionView {
  return {
    id: 1,
    key: "q",
    version: 1,
    samePage: false,
    kind: "agreement_scale",
    section: "main",
    required: true,
    maxLength: null,
    themeId: null,
    showIf: null,
    text: "I feel listened to.",
    hint: "Say how much you agree.",
    lang: "en",
    options: [],
    ...overrides,
  };
}

describe("ErrorSummary", () => {
  it("heads the problems 'There is a problem' and links each to its field", () => {
    renderInEnglish(<ErrorSummary errors={[{ field: "answer", message: "Select an answer" }]} />);
    const summary = screen.getByRole("alert");
    expect(within(summary).getByRole("heading", { name: "There is a problem" })).toBeDefined();
    expect(within(summary).getByRole("link", { name: "Select an answer" }).getAttribute("href")).toBe("#answer");
  });

  it("renders nothing when there is no problem", () => {
    const { container } = renderInEnglish(<ErrorSummary errors={[]} />);
    expect(container.innerHTML).toBe("");
  });
});

describe("QuestionField", () => {
  it("puts the question in the legend as the page heading, with hint and error described", () => {
    const q = question({});
    renderInEnglish(<QuestionField question={q} choices={choicesFor(q, t, "en")} value={undefined} error="Select an answer" pageLang="en" />);
    const group = screen.getByRole("group", { name: "I feel listened to." });
    expect(within(group).getByRole("heading", { level: 1, name: "I feel listened to." })).toBeDefined();
    expect(group.getAttribute("aria-describedby")).toBe("answer-hint answer-error");
    expect(screen.getByText("Select an answer").textContent).toBe("Error: Select an answer");
    const radios = screen.getAllByRole("radio");
    expect(radios.map((radio) => (radio as HTMLInputElement).value)).toEqual([
      "strongly_agree",
      "agree",
      "neither",
      "disagree",
      "strongly_disagree",
      "dont_know",
    ]);
    expect(radios[0].id).toBe("answer");
    expect(screen.getByText("or")).toBeDefined();
  });

  it("shows faces with words on the smiley scale, never faces alone", () => {
    const q = question({ kind: "smiley_scale", text: "How is school?" });
    renderInEnglish(<QuestionField question={q} choices={choicesFor(q, t, "en")} value="good" error={null} pageLang="en" />);
    expect(screen.getByLabelText("Really good")).toBeDefined();
    expect((screen.getByLabelText("Good") as HTMLInputElement).checked).toBe(true);
    expect(document.querySelectorAll("svg[aria-hidden='true']")).toHaveLength(5);
  });

  it("labels free text with the question, says the limit, and marks text in another language", () => {
    const q = question({ kind: "free_text", maxLength: 600, required: false, text: "What would you change?", lang: "en" });
    renderInEnglish(<QuestionField question={q} choices={[]} value="More clubs" error={null} pageLang="pl" />);
    const box = screen.getByRole("textbox", { name: /^What would you change\?\s*\(optional\)$/ });
    expect((box as HTMLTextAreaElement).value).toBe("More clubs");
    expect(screen.getByText("You can enter up to 600 characters.")).toBeDefined();
    // The English question is marked as English; the interface's "(optional)" stays in the page's language.
    expect(screen.getByText("What would you change?").getAttribute("lang")).toBe("en");
    expect(screen.getByText("(optional)").closest("[lang]")).toBeNull();
  });
});

describe("Table", () => {
  it("names its scrolling box by its caption, and marks numeric columns and row headers", () => {
    render(
      <Table caption="Responses by month" headers={["Month", { label: "Responses", numeric: true }]}>
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            March
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">12</td>
        </tr>
      </Table>,
    );
    const region = screen.getByRole("region", { name: "Responses by month" });
    expect(region.getAttribute("tabindex")).toBe("0");
    const table = within(region).getByRole("table", { name: "Responses by month" });
    const [month, responses] = within(table).getAllByRole("columnheader");
    expect(month.getAttribute("scope")).toBe("col");
    expect(responses.classList.contains("govuk-table__header--numeric")).toBe(true);
    expect(month.classList.contains("govuk-table__header--numeric")).toBe(false);
    expect(within(table).getByRole("rowheader", { name: "March" }).textContent).toBe("March");
  });

  it("leaves out the box when the table never needs to scroll", () => {
    render(
      <Table caption="Two columns" headers={["Theme", "Count"]} scroll={false}>
        <tr className="govuk-table__row">
          <td className="govuk-table__cell">Transport</td>
          <td className="govuk-table__cell">3</td>
        </tr>
      </Table>,
    );
    expect(screen.queryByRole("region")).toBeNull();
    expect(screen.getByRole("table", { name: "Two columns" }).tagName).toBe("TABLE");
  });
});
