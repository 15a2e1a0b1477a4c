import { closingDay, endOfDay, londonDay, startOfDay } from "~/surveys/dates";
import { readDateInput } from "~/utils/date-input";

const boxes = (day: string, month: string, year: string) => ({ "d-day": day, "d-month": month, "d-year": year });

describe("the GOV.UK date input", () => {
  it("reads three boxes as a day, and names the first part that is missing", () => {
    expect(readDateInput(boxes("6", "1", "2027"), "d")).toEqual({ day: "2027-01-06" });
    expect(readDateInput(boxes(" 06 ", "01", "2027"), "d")).toEqual({ day: "2027-01-06" });
    expect(readDateInput(boxes("", "", ""), "d")).toEqual({ day: null });
    expect(readDateInput({}, "d")).toEqual({ day: null });
    expect(readDateInput(boxes("", "1", "2027"), "d")).toEqual({ problem: "day" });
    expect(readDateInput(boxes("6", "", "2027"), "d")).toEqual({ problem: "month" });
    expect(readDateInput(boxes("6", "1", ""), "d")).toEqual({ problem: "year" });
  });

  it("refuses dates that do not exist and years that are not four numbers", () => {
    expect(readDateInput(boxes("30", "2", "2027"), "d")).toEqual({ problem: "real" });
    expect(readDateInput(boxes("29", "2", "2027"), "d")).toEqual({ problem: "real" });
    expect(readDateInput(boxes("29", "2", "2028"), "d")).toEqual({ day: "2028-02-29" });
    expect(readDateInput(boxes("1", "13", "2027"), "d")).toEqual({ problem: "real" });
    expect(readDateInput(boxes("one", "1", "2027"), "d")).toEqual({ problem: "real" });
    expect(readDateInput(boxes("1", "1", "27"), "d")).toEqual({ problem: "yearFormat" });
  });
});

describe("survey days in London", () => {
  it("opens at London midnight and closes at the end of the closing day, in winter and in summer time", () => {
    expect(startOfDay("2027-01-15")).toBe("2027-01-15T00:00:00.000Z");
    expect(startOfDay("2027-07-15")).toBe("2027-07-14T23:00:00.000Z");
    expect(endOfDay("2027-07-15")).toBe("2027-07-15T23:00:00.000Z");
    // The clocks go forward at 01:00 on 28 March 2027 and back at 02:00 on 31 October 2027.
    expect(startOfDay("2027-03-28")).toBe("2027-03-28T00:00:00.000Z");
    expect(endOfDay("2027-03-28")).toBe("2027-03-28T23:00:00.000Z");
    expect(startOfDay("2027-10-31")).toBe("2027-10-30T23:00:00.000Z");
    expect(endOfDay("2027-10-31")).toBe("2027-11-01T00:00:00.000Z");
  });

  it("gives back the days it was given", () => {
    for (const day of ["2027-01-15", "2027-03-28", "2027-07-15", "2027-10-31", "2027-12-31"]) {
      expect(londonDay(startOfDay(day))).toBe(day);
      expect(closingDay(endOfDay(day))).toBe(day);
    }
  });
});
