// The baseline of `npm run bench`: LINE's own echo-bot example, as small as it gets. The SDK's
// middleware checks the signature on the raw body, and each text message is answered with one
// reply call; nothing is stored. PORT, LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and
// LINE_API_BASE_URL as the project reads them.
//
// Its dependencies are this folder's package.json; without `npm install` here (an offline
// machine), Node finds the same versions in the repository's node_modules one level up.
import express from "express";
import { messagingApi, middleware } from "@line/bot-sdk";

const channelSecret = process.env.LINE_CHANNEL_SECRET;
const channelAccessToken = process.env.LINE_CHANNEL_ACCESS_TOKEN;
if (!channelSecret || !channelAccessToken) throw new Error("LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are required");

const client = new messagingApi.MessagingApiClient({
  channelAccessToken,
  baseURL: process.env.LINE_API_BASE_URL ?? "https://api.line.me",
});

const app = express();
app.post("/webhook", middleware({ channelSecret }), (req, res) => {
  // LINE gets its 200 at once; the replies go out after, as in the SDK's example.
  res.status(200).json({});
  for (const event of req.body.events) {
    if (event.type !== "message" || event.message.type !== "text" || !event.replyToken) continue;
    client
      .replyMessage({ replyToken: event.replyToken, messages: [{ type: "text", text: event.message.text }] })
      .catch((err) => console.error(JSON.stringify({ msg: "reply failed", error: err.name })));
  }
});
app.get("/healthz", (_req, res) => res.json({ status: "ok" }));

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  const { port } = server.address();
  console.log(JSON.stringify({ msg: "server started", port }));
  console.log(JSON.stringify({ msg: "server ready", port }));
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
