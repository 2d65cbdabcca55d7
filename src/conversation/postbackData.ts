// The postback protocol of contract section 3, parsed at the edge.
import { z } from "zod";
import { OptionValue } from "./flowSchema.ts";

export const PostbackData = z.union([
  z.strictObject({ q: z.string(), f: z.string(), v: OptionValue, op: z.literal("toggle") }),
  z.strictObject({ q: z.string(), f: z.string(), op: z.enum(["done", "skip", "more"]) }),
  z.strictObject({ q: z.string(), f: z.string(), v: OptionValue }),
  z.strictObject({ op: z.enum(["back", "restart"]) }),
  z.strictObject({ op: z.literal("lang"), v: z.string() }),
  z.strictObject({ op: z.literal("edit"), v: z.string() }),
]);
export type PostbackData = z.infer<typeof PostbackData>;

export function parsePostbackData(raw: string): PostbackData | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = PostbackData.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export const encodePostback = (data: PostbackData): string => JSON.stringify(data);
