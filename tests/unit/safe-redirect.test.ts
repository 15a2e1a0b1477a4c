import fc from "fast-check";
import { safeRedirect } from "~/utils/safe-redirect";

const ORIGIN = "https://feedback.example.gov.uk";

/** Where a browser would go with this Location header, from a page on the portal. */
const lands = (location: string) => new URL(location, `${ORIGIN}/sign-in`);

const tricky = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  "\t",
  "\n",
  "\r",
  "%09",
  "%2F",
  "%5C",
  "%0a",
  "\u3000",
  "\u00A0",
  "\u2028",
  "\uFEFF",
  "evil.example",
  "@evil.example",
  "http:",
  "https://",
  "javascript:",
  "data:",
  ":",
  ".",
  "..",
  "?",
  "#",
  "moderate",
  "%2e%2e",
);

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/moderate/responses/12?status=new#themes")).toBe("/moderate/responses/12?status=new#themes");
    expect(safeRedirect("/admin")).toBe("/admin");
  });

  it("refuses the targets testers use to leave the site", () => {
    for (const target of [
      "/\t/evil.example",
      "/%09/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "/\n/evil.example",
      " /moderate",
      "/\u3000/evil.example",
    ]) {
      const result = safeRedirect(target);
      expect(lands(result).origin, JSON.stringify(target)).toBe(ORIGIN);
    }
    expect(safeRedirect("/\t/evil.example")).toBe("/moderate");
  });

  it("never sends anyone off the site, whatever it is given", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.string(), fc.string({ unit: "grapheme", maxLength: 3 })), { maxLength: 8 }), (parts) => {
        const result = safeRedirect(parts.join(""), "/moderate");
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect([...result].some((char) => char === "\\" || char.charCodeAt(0) < 0x20)).toBe(false);
        expect(lands(result).origin).toBe(ORIGIN);
      }),
      { numRuns: 20_000 },
    );
  });
});
