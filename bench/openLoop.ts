// Open-loop load: event i leaves at start + i / rate whatever the server does (a slow server does
// not slow the generator, as with LINE), each a signed text message from one of the residents,
// each on its own request. Measures the webhook's 200 and the time until the reply call for that
// event's reply token reaches the fake LINE API (in this process).
import { Agent, request } from "node:http";
import type { FakeLineApi } from "../test/support/fakeLineApi.ts";
import { newReplyToken, signBody, textEvent, webhookBody } from "../test/support/webhook.ts";

/** LINE counts a webhook that has not answered by then as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface LoadResult {
  sent: number;
  /** Answered 200 within the timeout. */
  acknowledged: number;
  timedOut: number;
  otherStatus: number;
  ackMs: number[];
  /** Event → reply call, for the events answered. */
  replyMs: number[];
  answered: number;
  /** Reply tokens answered more than once (must stay 0). */
  answeredTwice: number;
  /** Events of one resident whose replies arrived out of order (must stay 0). */
  outOfOrder: number;
  wallMs: number;
}

export interface LoadOptions {
  /** One URL per instance; events go round-robin to them. */
  baseUrls: string[];
  secret: string;
  fake: FakeLineApi;
  residents: string[];
  rate: number;
  count: number;
  /** How long to wait for the last replies after the last event was sent. */
  drainMs: number;
}

export async function runOpenLoop(o: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const sentAt = new Map<string, { at: number; resident: string; seq: number }>();
  const repliedAt = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  let answeredTwice = 0;
  let outOfOrder = 0;
  o.fake.onDelivery((d) => {
    if (!d.replyToken) return;
    const sent = sentAt.get(d.replyToken);
    if (!sent) return;
    if (repliedAt.has(d.replyToken)) answeredTwice++;
    else repliedAt.set(d.replyToken, performance.now());
    if ((lastSeq.get(sent.resident) ?? -1) > sent.seq) outOfOrder++;
    lastSeq.set(sent.resident, sent.seq);
  });

  const ackMs: number[] = [];
  let timedOut = 0;
  let otherStatus = 0;
  const inFlight: Promise<void>[] = [];
  const post = (baseUrl: string, raw: string, signature: string, t0: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        `${baseUrl}/webhook`,
        {
          method: "POST",
          agent,
          timeout: WEBHOOK_TIMEOUT_MS,
          headers: { "content-type": "application/json; charset=utf-8", "user-agent": "LineBotWebhook/2.0", "x-line-signature": signature, "content-length": Buffer.byteLength(raw) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) ackMs.push(performance.now() - t0);
            else otherStatus++;
            resolve();
          });
        },
      );
      req.on("timeout", () => {
        timedOut++;
        req.destroy();
        resolve();
      });
      req.on("error", () => resolve());
      req.end(raw);
    });

  const start = performance.now();
  const seqOf = new Map<string, number>();
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(o.count, Math.floor(((performance.now() - start) / 1000) * o.rate) + 1);
      for (; next < due; next++) {
        const resident = o.residents[next % o.residents.length]!;
        const token = newReplyToken();
        o.fake.issueReplyToken(resident, token);
        const raw = JSON.stringify(webhookBody([textEvent("こんにちは", { userId: resident, replyToken: token })]));
        const seq = (seqOf.get(resident) ?? 0) + 1;
        seqOf.set(resident, seq);
        const t0 = performance.now();
        sentAt.set(token, { at: t0, resident, seq });
        inFlight.push(post(o.baseUrls[next % o.baseUrls.length]!, raw, signBody(raw, o.secret), t0));
      }
      if (next >= o.count) return done();
      // The next event's due time; setTimeout's lateness is caught up by sending all that are due.
      const wait = start + (next / o.rate) * 1000 - performance.now();
      setTimeout(tick, Math.max(0, wait));
    };
    tick();
  });
  await Promise.all(inFlight);
  const deadline = performance.now() + o.drainMs;
  while (repliedAt.size < sentAt.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const wallMs = performance.now() - start;
  o.fake.onDelivery(null);
  agent.destroy();
  const replyMs = [...repliedAt].map(([token, at]) => at - sentAt.get(token)!.at);
  return {
    sent: sentAt.size,
    acknowledged: ackMs.length,
    timedOut,
    otherStatus,
    ackMs,
    replyMs,
    answered: repliedAt.size,
    answeredTwice,
    outOfOrder,
    wallMs,
  };
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
