// /api/v1/openapi.json, generated from the zod schemas of web/apiSchemas.ts.
import { z } from "zod";
import { CloseBody, ErrorBody, ForwardBody, ListQuery, NoteBody, ReferralDetail, ReferralView, WindowView } from "./apiSchemas.ts";

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) } });
const errors = { 400: { description: "invalid input", content: json(ErrorBody) }, 401: { description: "no or unknown token", content: json(ErrorBody) }, 403: { description: "revoked token, or the caller may read but not work this referral (only its owner does)", content: json(ErrorBody) }, 404: { description: "no such referral, or none the caller may know of", content: json(ErrorBody) }, 409: { description: "illegal lifecycle move or a concurrent change", content: json(ErrorBody) },
  413: { description: "body over 64 KB", content: json(ErrorBody) },
  429: { description: "too many requests from this address; wait the seconds in Retry-After", headers: { "Retry-After": { schema: { type: "integer" } } }, content: json(ErrorBody) },
};
const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }];
const move = (summary: string, body?: z.ZodType) => ({
  post: { summary, parameters: idParam, ...(body ? { requestBody: { required: true, content: json(body, "input") } } : {}), responses: { 200: { description: "the referral after the change", content: json(ReferralView) }, ...errors } },
});

export function openApiDocument(): unknown {
  const query = z.toJSONSchema(ListQuery, { io: "input" }) as { properties: Record<string, unknown> };
  return {
    openapi: "3.1.0",
    info: { title: "Tsunagu staff API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/referrals": {
        get: {
          summary: "Referrals the caller may see, newest first (header X-Next-Cursor when there are more)",
          parameters: Object.entries(query.properties).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          responses: { 200: { description: "list", content: json(z.array(ReferralView)) }, ...errors },
        },
      },
      "/api/v1/referrals/{id}": { get: { summary: "One referral (reading an intake is audited)", parameters: idParam, responses: { 200: { description: "the referral; with full access also residentMessages, what the resident wrote afterwards", content: json(ReferralDetail) }, ...errors } } },
      "/api/v1/referrals/{id}/accept": move("Accept (new, forwarded or escalated → accepted)"),
      "/api/v1/referrals/{id}/start": move("Start work (accepted → in_progress)"),
      "/api/v1/referrals/{id}/forward": move("Forward to a named window, with a reason", ForwardBody),
      "/api/v1/referrals/{id}/close": move("Close with an outcome (accepted or in_progress → closed)", CloseBody),
      "/api/v1/referrals/{id}/notes": { post: { summary: "Add a note", parameters: idParam, requestBody: { required: true, content: json(NoteBody, "input") }, responses: { 201: { description: "created" }, ...errors } } },
      "/api/v1/windows": { get: { summary: "The municipality's directory of windows", responses: { 200: { description: "windows", content: json(z.array(WindowView)) }, ...errors } } },
    },
  };
}
