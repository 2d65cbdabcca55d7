import { describe, expect, it } from "vitest";
import { areaOfTyped } from "../../src/conversation/areaLookup.ts";
import { areaInputs, loadMunicipality, municipalityFrom, MunicipalityError } from "../../src/intake/municipality.ts";

const { areas, areaTowns, areaPostalCodes } = areaInputs(loadMunicipality("flows/municipality.yaml"));
const places = { areaTowns, areaPostalCodes };

describe("areaOfTyped", () => {
  it("when a town name is typed, then its area is found", () => {
    expect(areaOfTyped(places, areas, "桜台")).toEqual({ kind: "area", value: "kita" });
  });

  it.each(["〒000-0601", "0000602", "０００－０６０３"])("when the postal code %j of an area is typed, then that area is found", (typed) => {
    expect(areaOfTyped(places, areas, typed)).toEqual({ kind: "area", value: "minato" });
  });

  it("when a well-formed postal code no area lists is typed, then it is said to be outside the city, written 123-4567", () => {
    expect(areaOfTyped(places, areas, "１００００１３")).toEqual({ kind: "postalCodeNotInCity", code: "100-0013" });
  });

  it("when the city lists no postal codes, then a typed code is neither found nor said to be elsewhere", () => {
    expect(areaOfTyped({ areaTowns, areaPostalCodes: {} }, areas, "000-0601")).toEqual({ kind: "none" });
  });

  it("when the text is neither a town nor a postal code, then nothing is found", () => {
    expect(areaOfTyped(places, areas, "どこか")).toEqual({ kind: "none" });
    expect(areaOfTyped(places, areas, "00006011")).toEqual({ kind: "none" });
  });

  it("when the question offers only some areas, then a code of another area is not taken for one offered", () => {
    expect(areaOfTyped(places, ["kita"], "000-0601")).toEqual({ kind: "postalCodeNotInCity", code: "000-0601" });
  });
});

describe("the directory's postal codes", () => {
  it("when a postal code is listed under two areas, then the directory is refused naming both", () => {
    const m = structuredClone(loadMunicipality("flows/municipality.yaml")) as { areas: { code: string; postalCodes?: string[] }[] };
    m.areas[1]!.postalCodes = ["〒000-0101"];
    expect(() => municipalityFrom(m)).toThrow(MunicipalityError);
    expect(() => municipalityFrom(m)).toThrow(/000-0101 is listed under both chuo and kita/);
  });

  it("when a postal code is not seven digits, then the directory is refused", () => {
    const m = structuredClone(loadMunicipality("flows/municipality.yaml")) as { areas: { code: string; postalCodes?: string[] }[] };
    m.areas[0]!.postalCodes = ["000-010"];
    expect(() => municipalityFrom(m)).toThrow(/postal code is seven digits/);
  });
});
