import { neutralise } from "~/exports/neutralise";

describe("neutralise", () => {
  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+44 7700 900123", "-2", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://example.com","click")']) {
      expect(neutralise(text)).toBe(`'${text}`);
    }
  });

  it("leaves everything else as it was", () => {
    for (const text of ["", "Reply within a week", " =not at the start", "a=b", "'already quoted", "Żółć", "٣ أسابيع"]) {
      expect(neutralise(text)).toBe(text);
    }
    expect(neutralise(-2)).toBe(-2);
    expect(neutralise(0)).toBe(0);
    expect(neutralise(null)).toBeNull();
  });
});
