import { describe, it, expect } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { validateSignature } from "@line/bot-sdk";
import {
  graphemeLength,
  validatePushRequest,
  validateReplyRequest,
  validateShowLoadingAnimationRequest,
  validateWebhookBody,
} from "./lineSpec.ts";
import {
  followEvent,
  groupTextEvent,
  imageEvent,
  locationEvent,
  postWebhook,
  postbackEvent,
  stickerEvent,
  textEvent,
  unfollowEvent,
  webhookBody,
} from "./webhook.ts";

const quickReplyItem = (label: string, data = "step=next") => ({
  type: "action",
  action: { type: "postback", label, data, displayText: label },
});

const textWithQuickReplies = (count: number, label = "はい") => ({
  type: "text",
  text: "次の中から選んでください。",
  quickReply: { items: Array.from({ length: count }, (_, i) => quickReplyItem(`${label}${i}`.slice(0, 20))) },
});

const reply = (...messages: unknown[]) => ({ replyToken: "0f3779fba3b349968c5d07db31eab56f", messages });

describe("validateReplyRequest", () => {
  it("when a text message has 13 quick replies, then it is valid", () => {
    expect(validateReplyRequest(reply(textWithQuickReplies(13)))).toEqual([]);
  });

  it("when a text message has 14 quick replies, then it fails at quickReply.items", () => {
    const errors = validateReplyRequest(reply(textWithQuickReplies(14)));
    expect(errors).toEqual(["$.messages[0].quickReply.items: must NOT have more than 13 items"]);
  });

  it("when a quick reply label has 21 characters, then it fails", () => {
    const message = { type: "text", text: "?", quickReply: { items: [quickReplyItem("あ".repeat(21))] } };
    expect(validateReplyRequest(reply(message))).toEqual([
      "$.messages[0].quickReply.items[0].action.label: must be at most 20 characters, got 21",
    ]);
  });

  it("when a quick reply label has 20 emoji, then each counts as one character", () => {
    const family = "👨‍👩‍👧‍👦"; // one grapheme, 11 UTF-16 code units
    const label = family.repeat(20);
    expect(graphemeLength(label)).toBe(20);
    const message = { type: "text", text: "?", quickReply: { items: [{ type: "action", action: { type: "message", label, text: "家族" } }] } };
    expect(validateReplyRequest(reply(message))).toEqual([]);
  });

  it("when postback data has 301 characters, then it fails", () => {
    const message = { type: "text", text: "?", quickReply: { items: [quickReplyItem("次へ", "d".repeat(301))] } };
    expect(validateReplyRequest(reply(message))).toEqual([
      "$.messages[0].quickReply.items[0].action.data: must NOT have more than 300 characters",
    ]);
  });

  it("when a postback's displayText has 301 characters, then it fails", () => {
    const action = { type: "postback", label: "次へ", data: "x", displayText: "あ".repeat(301) };
    const message = { type: "text", text: "?", quickReply: { items: [{ type: "action", action }] } };
    expect(validateReplyRequest(reply(message))).toEqual([
      "$.messages[0].quickReply.items[0].action.displayText: must be at most 300 characters (UTF-16 code units), got 301",
    ]);
  });

  it("when a message has an unknown type, then it fails at its type", () => {
    const errors = validateReplyRequest(reply({ type: "txt", text: "hello" }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\$\.messages\[0\]\.type: must be one of "text", /);
  });

  it("when a text message is longer than 5000 UTF-16 code units, then it fails", () => {
    expect(validateReplyRequest(reply({ type: "text", text: "a".repeat(5000) }))).toEqual([]);
    expect(validateReplyRequest(reply({ type: "text", text: "😀".repeat(2501) }))).toEqual([
      "$.messages[0].text: must be at most 5000 characters (UTF-16 code units), got 5002",
    ]);
  });

  it("when a flex bubble holds a box of buttons, then it is valid", () => {
    const button = (label: string, data: string) => ({
      type: "button",
      style: "primary",
      action: { type: "postback", label, data, displayText: label },
    });
    const flex = {
      type: "flex",
      altText: "相談の種類を選んでください",
      contents: {
        type: "bubble",
        body: {
          type: "box",
          layout: "vertical",
          spacing: "md",
          contents: [
            { type: "text", text: "相談の種類", weight: "bold", wrap: true },
            { type: "separator" },
            { type: "box", layout: "vertical", contents: [button("住まい", "topic=housing"), button("お金", "topic=money")] },
          ],
        },
      },
    };
    expect(validateReplyRequest(reply(flex))).toEqual([]);
  });

  it("when a flex message holds an invalid component, then it fails with the component's path", () => {
    const flex = {
      type: "flex",
      altText: "x",
      contents: {
        type: "bubble",
        body: {
          type: "box",
          layout: "vertical",
          contents: [
            { type: "buton", action: { type: "postback", label: "a", data: "b" } },
            { type: "button" }, // a button needs an action
          ],
        },
      },
    };
    const errors = validateReplyRequest(reply(flex));
    expect(errors).toContainEqual(expect.stringMatching(/^\$\.messages\[0\]\.contents\.body\.contents\[0\]\.type: must be one of /));
    expect(errors).toContain("$.messages[0].contents.body.contents[1].action: is required");
  });

  it("when a reply carries 6 messages, then it fails; 5 pass", () => {
    const text = { type: "text", text: "こんにちは" };
    expect(validateReplyRequest(reply(...Array(5).fill(text)))).toEqual([]);
    expect(validateReplyRequest(reply(...Array(6).fill(text)))).toEqual([
      "$.messages: must NOT have more than 5 items",
    ]);
  });

  it("when a buttons template breaks the documented limits, then each is reported", () => {
    const action = { type: "message", label: "はい", text: "はい" };
    const template = {
      type: "template",
      altText: "a".repeat(401),
      template: { type: "buttons", title: "t".repeat(41), text: "x".repeat(61), actions: Array(5).fill(action) },
    };
    expect(validateReplyRequest(reply(template))).toEqual([
      "$.messages[0].altText: must be at most 400 characters (UTF-16 code units), got 401",
      "$.messages[0].template.actions: must have at most 4 actions, got 5",
      "$.messages[0].template.title: must be at most 40 characters (UTF-16 code units), got 41",
      "$.messages[0].template.text: must be at most 60 characters (UTF-16 code units), got 61",
    ]);
  });

  it("when the body is not a reply request at all, then the missing properties are named", () => {
    expect(validateReplyRequest({})).toEqual(["$.messages: is required", "$.replyToken: is required"]);
  });
});

describe("validatePushRequest and validateShowLoadingAnimationRequest", () => {
  it("when a push has a flex message whose altText is too long, then it fails", () => {
    const flex = { type: "flex", altText: "a".repeat(1501), contents: { type: "carousel", contents: [] } };
    expect(validatePushRequest({ to: "U" + "a".repeat(32), messages: [flex] })).toEqual([
      "$.messages[0].altText: must be at most 1500 characters (UTF-16 code units), got 1501",
    ]);
  });

  it("when the loading indicator asks for 5 to 60 seconds in steps of 5, then it is valid", () => {
    expect(validateShowLoadingAnimationRequest({ chatId: "U" + "a".repeat(32), loadingSeconds: 20 })).toEqual([]);
    expect(validateShowLoadingAnimationRequest({ chatId: "U1", loadingSeconds: 61 })).toEqual([
      "$.loadingSeconds: must be <= 60",
      "$.loadingSeconds: must be a multiple of 5",
    ]);
  });
});

describe("validateWebhookBody", () => {
  it("when the builders make a text event, then the body is valid", () => {
    expect(validateWebhookBody(webhookBody([textEvent("こんにちは")]))).toEqual([]);
  });

  it("when the builders make any kind of event, then the body is valid", () => {
    const events = [
      textEvent("hi"),
      groupTextEvent("みなさん"),
      postbackEvent("step=housing", { params: { date: "2026-07-01" } }),
      followEvent(),
      unfollowEvent(),
      stickerEvent(),
      imageEvent(),
      locationEvent({ latitude: 35.68, longitude: 139.76, title: "市役所" }),
    ];
    expect(validateWebhookBody(webhookBody(events))).toEqual([]);
  });

  it("when an event has an unknown type or lacks its content, then it fails", () => {
    const { message: _message, ...withoutMessage } = textEvent("x");
    const body = webhookBody([{ ...textEvent("x"), type: "poke" } as never, withoutMessage as never]);
    expect(validateWebhookBody(body)).toEqual([
      expect.stringMatching(/^\$\.events\[0\]\.type: must be one of "message", /),
      "$.events[1].message: is required",
    ]);
  });
});

describe("postWebhook", () => {
  it("when a webhook is posted, then its signature verifies with the LINE SDK over the raw body", async () => {
    const received: { raw: string; signature: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ raw: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers["x-line-signature"]) });
        res.end("OK");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await postWebhook(baseUrl, "channel-secret", [textEvent("絵文字も 😀")]);
      expect(res.status).toBe(200);
      const [{ raw, signature }] = received as [{ raw: string; signature: string }];
      expect(validateSignature(raw, "channel-secret", signature)).toBe(true);
      expect(validateWebhookBody(JSON.parse(raw))).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
