import { CODE_ALPHABET, formatCode, generateCode, hashSecret, normaliseCode } from "~/surveys/codes";

describe("reference and resume codes", () => {
  it("are 12 characters from an alphabet without look-alike letters", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
    }
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it("do not repeat in practice", () => {
    const codes = new Set(Array.from({ length: 5000 }, generateCode));
    expect(codes.size).toBe(5000);
  });

  it("are shown in groups of four and read back however they are typed", () => {
    expect(formatCode("K7MP2QXR9FHT")).toBe("K7MP-2QXR-9FHT");
    expect(normaliseCode(" k7mp 2qxr-9fht ")).toBe("K7MP2QXR9FHT");
    expect(normaliseCode("K7MP-2QXR-9FH")).toBeNull();
    expect(normaliseCode("O7MP-2QXR-9FHT")).toBeNull();
  });

  it("are stored as hashes", () => {
    expect(hashSecret("K7MP2QXR9FHT")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret("K7MP2QXR9FHT")).not.toContain("K7MP");
  });
});
