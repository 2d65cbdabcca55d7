// The directory as HSDS-style JSON (Open Referral Human Services Data Specification 3.0): one
// organization (the city) whose services are its windows, each with its phone, its hours as a
// text schedule (and per language), the areas it serves, and a location reached through
// service_at_location. Ids are stable: derived from the window ids and area codes. An area's towns
// are its description; its postal codes are attributes of the vocabulary "jp-postal-code".
import type { Municipality, WindowEntry } from "../../../intake/municipality.ts";

/** A window's hours and notes written in a language, and the languages besides Japanese to write them in. */
export interface HoursWriter {
  languages: readonly string[];
  text: (w: WindowEntry, lang: string) => string;
}

const orgId = "municipality";

export function hsdsDirectory(m: Municipality, meta: { version: number | null; draftRevision: number | null }, hours: HoursWriter) {
  const areaName = (code: string) => (code === "*" ? m.name : (m.areas.find((a) => a.code === code)?.name ?? code));
  const towns = (code: string) => (code === "*" ? [] : (m.areas.find((a) => a.code === code)?.towns ?? []));
  const postalCodes = (code: string) => (code === "*" ? [] : (m.areas.find((a) => a.code === code)?.postalCodes ?? []));
  return {
    hsds_version: "3.0",
    tsunagu: meta,
    organization: {
      id: orgId,
      name: m.name,
      description: "",
      services: m.windows.map((w) => ({
        id: w.id,
        organization_id: orgId,
        name: w.name,
        status: "active",
        // The contract's window type: what kind of help the window gives.
        attributes: [{ id: `${w.id}-type`, link_entity: "service", link_id: w.id, taxonomy_term: { id: w.type, code: w.type, name: w.type, vocabulary: "tsunagu-window-type" } }],
        phones: [{ id: `${w.id}-phone`, service_id: w.id, number: w.phone, type: "voice", languages: [] }],
        schedules: [
          { id: `${w.id}-hours`, service_id: w.id, description: hours.text(w, "ja"), attending_type: "in-person" },
          ...hours.languages.filter((l) => l !== "ja").map((lang) => ({ id: `${w.id}-hours-${lang}`, service_id: w.id, description: hours.text(w, lang), notes: `language: ${lang}` })),
        ],
        service_areas: w.areas.map((code) => {
          const id = `${w.id}-area-${code === "*" ? "all" : code}`;
          return {
            id,
            service_id: w.id,
            name: areaName(code),
            description: towns(code).join("、"),
            extent_type: code === "*" ? "municipality" : "area",
            attributes: postalCodes(code).map((p) => ({ id: `${id}-postal-${p}`, link_entity: "service_area", link_id: id, taxonomy_term: { id: `jp-postal-${p}`, code: p, name: p, vocabulary: "jp-postal-code" } })),
          };
        }),
        service_at_locations: [{ id: `${w.id}-at-${w.id}`, service_id: w.id, location_id: `${w.id}-location` }],
      })),
      locations: m.windows.map((w) => ({ id: `${w.id}-location`, organization_id: orgId, location_type: "physical", name: w.name })),
    },
  };
}
