import fc from "fast-check";
import { suppressCount, suppressShare, suppressSplit } from "~/publishing/suppression";

const threshold = fc.integer({ min: 2, max: 20 });
const split = fc.record({ parent_carer: fc.nat(60), young_person: fc.nat(60), other: fc.nat(30) });

describe("suppression, for random data", () => {
  it("never publishes a figure under the threshold, nor lets a hidden figure or sum of them be worked out", () => {
    fc.assert(
      fc.property(split, threshold, (parts, t) => {
        const total = parts.parent_carer + parts.young_person + parts.other;
        const result = suppressSplit(total, parts, t);
        const shown = Object.values(result.parts).filter((value): value is number => value !== null);
        // Every published figure is at least the threshold.
        for (const value of [result.total, ...shown]) if (value !== null) expect(value).toBeGreaterThanOrEqual(t);
        // What can be derived: total minus the shown parts is the sum of the hidden ones.
        const hidden = Object.values(result.parts).filter((value) => value === null).length;
        if (result.total !== null && hidden > 0) {
          expect(hidden).toBeGreaterThanOrEqual(2);
          expect(result.total - shown.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(t);
        }
        // A hidden total hides everything.
        if (result.total === null) expect(shown).toEqual([]);
        // "Fewer than" is only ever said of figures that really are under the threshold.
        for (const [key, value] of Object.entries(result.parts)) {
          if (value === null && !result.secondary.includes(key as keyof typeof parts)) expect(parts[key as keyof typeof parts]).toBeLessThan(t);
        }
        // Published figures are the true ones.
        for (const [key, value] of Object.entries(result.parts)) if (value !== null) expect(value).toBe(parts[key as keyof typeof parts]);
      }),
      { numRuns: 2000 },
    );
  });

  it("shows a share only when neither its count nor its complement is small", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), threshold, (a, b, t) => {
        const base = a + b;
        const percent = suppressShare(a, base, t);
        if (percent !== null) {
          expect(base).toBeGreaterThanOrEqual(t);
          expect(a).toBeGreaterThanOrEqual(t);
          expect(b).toBeGreaterThanOrEqual(t);
          expect(percent).toBe(Math.round((a / base) * 100));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("suppression, by example", () => {
  it("hides the small half of a split and then the other half, keeping the total", () => {
    // 22 is not small: it is hidden only so that 25 − 22 does not give the 3 away, and says so.
    expect(suppressSplit(25, { parent_carer: 22, young_person: 3 })).toEqual({
      total: 25,
      parts: { parent_carer: null, young_person: null },
      secondary: ["parent_carer"],
    });
    expect(suppressSplit(40, { parent_carer: 25, young_person: 15 })).toEqual({ total: 40, parts: { parent_carer: 25, young_person: 15 }, secondary: [] });
    expect(suppressSplit(7, { parent_carer: 5, young_person: 2 })).toEqual({ total: null, parts: { parent_carer: null, young_person: null }, secondary: [] });
  });

  it("reads single counts the same way", () => {
    expect(suppressCount(9)).toBeNull();
    expect(suppressCount(10)).toBe(10);
    expect(suppressShare(30, 40)).toBe(75);
    expect(suppressShare(35, 40)).toBeNull();
  });
});
