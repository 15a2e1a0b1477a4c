import { bucketKey, bucketsOf, daysBetween, median, nextDay } from "./calendar";
import { niceMax } from "./charts/ColumnChart";

describe("the dashboard's calendar", () => {
  it("puts a day in its week (from Monday) or its month", () => {
    // 5 January 2025 was a Sunday, 6 January a Monday.
    expect(bucketKey("2025-01-05", "week")).toBe("2024-12-30");
    expect(bucketKey("2025-01-06", "week")).toBe("2025-01-06");
    expect(bucketKey("2025-01-31", "month")).toBe("2025-01");
  });

  it("lists every week or month of a range, empty ones too, cut to the range", () => {
    expect(bucketsOf({ from: "2025-01-30", to: "2025-03-02" }, "month")).toEqual([
      { key: "2025-01", from: "2025-01-30", to: "2025-01-31" },
      { key: "2025-02", from: "2025-02-01", to: "2025-02-28" },
      { key: "2025-03", from: "2025-03-01", to: "2025-03-02" },
    ]);
    expect(bucketsOf({ from: "2025-03-29", to: "2025-04-07" }, "week").map((b) => [b.from, b.to])).toEqual([
      ["2025-03-29", "2025-03-30"],
      ["2025-03-31", "2025-04-06"],
      ["2025-04-07", "2025-04-07"],
    ]);
  });

  it("counts days across month ends and the clocks changing, and finds the middle value", () => {
    expect(daysBetween("2025-03-29", "2025-04-02")).toBe(4);
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(median([40, 20])).toBe(30);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it("rounds a chart's scale up so it reads in quarters", () => {
    expect(niceMax(3)).toBe(4);
    // Steps of 3, never 2.5: counts are whole.
    expect(niceMax(9)).toBe(12);
    expect(niceMax(37)).toBe(40);
    expect(niceMax(41)).toBe(60);
    expect(niceMax(950)).toBe(1000);
  });
});
