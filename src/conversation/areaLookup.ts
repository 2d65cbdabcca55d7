// Which area a resident means when they type at the area question rather than tap: residents
// know their town (町名) or their postal code (郵便番号), not the city's planning areas. The
// directory lists both for each area (flows/municipality.yaml); the postal code's form is read by
// src/intake/postalCode.ts.
import { formatPostalCode, parsePostalCode } from "../intake/postalCode.ts";
import type { OptionValue } from "./flowSchema.ts";
import type { ResolvedFlow } from "./loadFlow.ts";
import { matchesAny } from "./matchWords.ts";

export type TypedArea =
  /** A town or postal code of this area. */
  | { kind: "area"; value: OptionValue }
  /** A well-formed postal code that no area of the city lists (written 123-4567). */
  | { kind: "postalCodeNotInCity"; code: string }
  /** Neither: the text is not a town or postal code the directory knows. */
  | { kind: "none" };

type AreaPlaces = Pick<ResolvedFlow, "areaTowns" | "areaPostalCodes">;

/** The area among `areas` whose town name is typed. */
export function areaByTown(places: AreaPlaces, areas: readonly OptionValue[], text: string): OptionValue | undefined {
  return areas.find((v) => matchesAny(text, places.areaTowns[String(v)] ?? []));
}

/** The area among `areas` that lists this postal code (seven digits). */
export function areaByPostalCode(places: AreaPlaces, areas: readonly OptionValue[], digits: string): OptionValue | undefined {
  return areas.find((v) => (places.areaPostalCodes[String(v)] ?? []).includes(digits));
}

/** What a typed answer to the area question names: a town, a postal code of the city, or one elsewhere. */
export function areaOfTyped(places: AreaPlaces, areas: readonly OptionValue[], text: string): TypedArea {
  const byTown = areaByTown(places, areas, text);
  if (byTown !== undefined) return { kind: "area", value: byTown };
  const digits = parsePostalCode(text);
  if (digits === null) return { kind: "none" };
  const byCode = areaByPostalCode(places, areas, digits);
  if (byCode !== undefined) return { kind: "area", value: byCode };
  // Only a city that lists its postal codes can say a code is not one of them.
  const listsCodes = Object.values(places.areaPostalCodes).some((codes) => codes.length > 0);
  return listsCodes ? { kind: "postalCodeNotInCity", code: formatPostalCode(digits) } : { kind: "none" };
}
