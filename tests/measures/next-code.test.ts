import { describe, expect, it } from "vitest";
import { nextMeasureCode } from "#server/domain/measures/next-code.ts";

describe("next free measure number", () => {
  it("is M-01 for an empty plan", () => {
    expect(nextMeasureCode([])).toBe("M-01");
  });

  it("follows the highest number, keeping the width of the codes", () => {
    expect(nextMeasureCode(["M-01", "M-13", "M-02"])).toBe("M-14");
    expect(nextMeasureCode(["M-09"])).toBe("M-10");
    expect(nextMeasureCode(["M-99"])).toBe("M-100");
    expect(nextMeasureCode(["M-1", "M-2"])).toBe("M-3");
  });

  it("uses the prefix most codes share and ignores codes without a number", () => {
    expect(nextMeasureCode(["M-01", "M-02", "X-40", "Sonder"])).toBe("M-03");
    expect(nextMeasureCode(["Sonder"])).toBe("M-01");
  });

  it("never proposes a code that exists, whatever its case", () => {
    expect(nextMeasureCode(["M-01", "M-02", "m-03"])).toBe("M-04");
  });
});
