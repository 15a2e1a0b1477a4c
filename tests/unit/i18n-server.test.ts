import { fixedT } from "~/i18n/i18n.server";

describe("fixedT", () => {
  it("gives the same function for a language and namespaces, remembering plain strings", () => {
    const t = fixedT("pl", ["survey", "common"]);
    expect(fixedT("pl", ["survey", "common"])).toBe(t);
    expect(t("consent.title")).toBe(t("consent.title"));
    expect(t("consent.title")).not.toBe(fixedT("en", ["survey", "common"])("consent.title"));
  });

  it("translates each call with options afresh: plurals and values are never taken from an earlier call", () => {
    const t = fixedT("pl");
    const one = t("errors.rateLimited.body", { count: 1 });
    const five = t("errors.rateLimited.body", { count: 5 });
    expect(one).not.toBe(five);
    expect(five).toContain("5");
    // A plain lookup of the same key in between does not stick to one form.
    t("errors.rateLimited.title");
    expect(t("errors.rateLimited.body", { count: 1 })).toBe(one);
  });

  it("falls back to English for a language the portal does not offer", () => {
    expect(fixedT("xx")("serviceName")).toBe(fixedT("en")("serviceName"));
  });
});
