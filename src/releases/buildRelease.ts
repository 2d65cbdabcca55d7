// Builds a runnable release from its content in memory: the compiled flow, the locales, the
// directory and the glossary, checked as the server checks its files at start.
import { compileFlow, type CompiledFlow } from "../conversation/compileFlow.ts";
import { flowFrom } from "../conversation/loadFlow.ts";
import { glossaryFrom, type Glossary } from "../i18n/glossary.ts";
import { localesFrom, type Locales } from "../i18n/locales.ts";
import { areaInputs, municipalityFrom, type Municipality } from "../intake/municipality.ts";
import type { ReleaseContent } from "./releaseContent.ts";

export interface BuiltRelease {
  version: number;
  flow: CompiledFlow;
  locales: Locales;
  municipality: Municipality;
  glossary: Glossary;
}

/** Throws FlowError / MunicipalityError / a zod error naming the place when the content is broken. */
export function buildRelease(content: ReleaseContent, version: number): BuiltRelease {
  const locales = localesFrom(content.locales);
  const municipality = municipalityFrom(content.municipality, "municipality");
  const flow = compileFlow(flowFrom(content.flow, { languages: locales.languages, ...areaInputs(municipality) }, "flow"));
  return { version, flow, locales, municipality, glossary: glossaryFrom(content.glossary) };
}
