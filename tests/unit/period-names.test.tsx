// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { instanceFor } from "~/i18n/i18n.server";
import { OverviewSection, usePublicFormat } from "~/publishing/PublicParts";
import { suppressSplit } from "~/publishing/suppression";

const overview = {
  responses: suppressSplit(0, { parent_carer: 0, young_person: 0 }),
  themes: 0,
  actions: { planned: 0, in_progress: 0, done: 0, not_possible: 0 },
  listenedPercent: null,
};

function Overview({ lang, period }: { lang: string; period: { slug: string; name: string; nameLang: string; from: string; to: string } }) {
  const format = usePublicFormat(lang, 10);
  return <OverviewSection overview={overview} period={period} sections={[]} format={format} lang={lang} />;
}

const renderIn = (lang: string, name: string, nameLang: string) =>
  render(
    <I18nextProvider i18n={instanceFor(lang)}>
      <Overview lang={lang} period={{ slug: "autumn-2026", name, nameLang, from: "2026-09-01", to: "2026-12-31" }} />
    </I18nextProvider>,
  );

describe("a period's name on the public page", () => {
  it("is in the reader's language where the period has a name in it", () => {
    renderIn("pl", "Jesień 2026", "pl");
    const heading = screen.getByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Podsumowanie: Jesień 2026");
    expect(heading.querySelector("[lang]")).toBeNull();
  });

  it('is in English, marked lang="en", where it has none', () => {
    renderIn("es", "Autumn 2026", "en");
    const heading = screen.getByRole("heading", { level: 2 });
    expect(heading.textContent).toBe("Autumn 2026 de un vistazo");
    const name = heading.querySelector("[lang]");
    expect(name?.outerHTML).toBe('<span lang="en" dir="ltr">Autumn 2026</span>');
  });

  it("keeps its own direction inside a right-to-left sentence", () => {
    renderIn("ar", "Autumn 2026", "en");
    expect(screen.getByRole("heading", { level: 2 }).querySelector('[lang="en"]')?.getAttribute("dir")).toBe("ltr");
  });
});
