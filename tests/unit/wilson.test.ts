import fc from "fast-check";
import { judge, wilsonInterval } from "~/insight/wilson";

describe("the Wilson score interval", () => {
  it("gives the published 95% intervals (Newcombe 1998, table I)", () => {
    // 81 of 263: 0.2553 to 0.3662; 15 of 148: 0.0624 to 0.1605; 0 of 20: 0 to 0.1611; 1 of 29: 0.0061 to 0.1718.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [n, total, low, high] of cases) {
      const interval = wilsonInterval(n, total);
      expect(interval.share).toBeCloseTo(n / total, 10);
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    }
  });

  it("is symmetric: n of N mirrors N − n of N", () => {
    const left = wilsonInterval(3, 17);
    const right = wilsonInterval(14, 17);
    expect(left.low).toBeCloseTo(1 - right.high, 12);
    expect(left.high).toBeCloseTo(1 - right.low, 12);
  });

  it("ends exactly at 0 and 1 for none and all, and is the whole range when nobody answered", () => {
    expect(wilsonInterval(0, 12).low).toBe(0);
    expect(wilsonInterval(12, 12).high).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ share: 0, low: 0, high: 1 });
  });

  it("refuses counts that are not a part of a whole", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });

  it("always holds the share, stays within 0 and 1, and narrows as more people answer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (total, fraction) => {
        const n = Math.round(fraction * total);
        const interval = wilsonInterval(n, total);
        const larger = wilsonInterval(n * 4, total * 4);
        expect(interval.low).toBeGreaterThanOrEqual(0);
        expect(interval.high).toBeLessThanOrEqual(1);
        expect(interval.low).toBeLessThanOrEqual(interval.share + 1e-12);
        expect(interval.high).toBeGreaterThanOrEqual(interval.share - 1e-12);
        expect(larger.high - larger.low).toBeLessThan(interval.high - interval.low);
      }),
    );
  });
});

describe("judging a group against the population", () => {
  it("says under-represented when the population share is above the interval, over when below, in line inside it", () => {
    // 30 of 200 is 15% (10.7% to 20.6%).
    expect(judge(30, 200, 0.3)).toBe("under");
    expect(judge(30, 200, 0.05)).toBe("over");
    expect(judge(30, 200, 0.15)).toBe("in_line");
    expect(judge(30, 200, 0.2)).toBe("in_line");
  });

  it("calls a group too small to judge below 10 respondents, or with no population to compare with", () => {
    // Fewer than 10 answered and fewer than 10 expected (20 × 0.3 = 6): too small.
    expect(judge(9, 20, 0.3)).toBe("too_small");
    // Fewer than 10 answered but 18 and 80 expected: clearly under-represented, and judged.
    expect(judge(9, 20, 0.9)).toBe("under");
    expect(judge(0, 200, 0.4)).toBe("under");
    expect(judge(10, 20, 0.9)).toBe("under");
    expect(judge(50, 100, null)).toBe("too_small");
    expect(judge(50, 100, 0)).toBe("too_small");
  });
});
