import { spanPieces } from "~/aggregates/spans";

describe("spanPieces", () => {
  it("reads an academic year as its twelve months", () => {
    expect(spanPieces("2025-09-01", "2026-08-31")).toEqual([
      { months: ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"] },
    ]);
  });

  it("keeps the days at either end of a range that starts or ends inside a month", () => {
    expect(spanPieces("2025-12-06", "2026-03-10")).toEqual([
      { months: ["2026-01", "2026-02"] },
      { from: "2025-12-06", to: "2025-12-31" },
      { from: "2026-03-01", to: "2026-03-10" },
    ]);
  });

  it("knows February's length, in a leap year too", () => {
    expect(spanPieces("2024-02-01", "2024-02-29")).toEqual([{ months: ["2024-02"] }]);
    expect(spanPieces("2025-02-01", "2025-02-28")).toEqual([{ months: ["2025-02"] }]);
    expect(spanPieces("2025-02-01", "2025-02-27")).toEqual([{ from: "2025-02-01", to: "2025-02-27" }]);
  });

  it("reads one day as itself, and an empty range as nothing", () => {
    expect(spanPieces("2026-05-05", "2026-05-05")).toEqual([{ from: "2026-05-05", to: "2026-05-05" }]);
    expect(spanPieces("2026-05-06", "2026-05-05")).toEqual([]);
  });
});
