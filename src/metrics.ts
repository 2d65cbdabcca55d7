// Every Prometheus metric of Tsunagu, defined once. Workers count what they do with one-line
// calls on `metrics`; what is better read from the database (queues, referrals) is sampled at
// scrape time by sampleDatabase, so it holds across restarts and across instances.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { ReferralStatus } from "./referrals/lifecycle.ts";

export const registry = new Registry();
// process_* and nodejs_* under their usual names, so stock dashboards work.
collectDefaultMetrics({ register: registry });

const registers = [registry];

export type WebhookEventResult = "stored" | "duplicate" | "unreadable";
export type WebhookRejection = "signature" | "not_json" | "not_webhook";
export type InboxResult = "done" | "ignored" | "retried" | "failed";
export type SendVia = "reply" | "push";

export const metrics = {
  webhookEvents: new Counter<"result">({
    name: "tsunagu_webhook_events_total",
    help: "Events received on /webhook: stored in the inbox, duplicates of stored ones (redeliveries), unreadable",
    labelNames: ["result"],
    registers,
  }),
  webhookRejected: new Counter<"reason">({
    name: "tsunagu_webhook_rejected_total",
    help: "Webhook requests refused: bad signature, body not JSON, not a LINE webhook",
    labelNames: ["reason"],
    registers,
  }),
  inboxEvents: new Counter<"result">({
    name: "tsunagu_inbox_events_total",
    help: "Inbox events handled by the worker: done, ignored, retried after an error, failed for good",
    labelNames: ["result"],
    registers,
  }),
  eventToReply: new Histogram<"via">({
    name: "tsunagu_event_reply_seconds",
    help: "From an event's arrival at /webhook to LINE accepting the first message that answers it",
    labelNames: ["via"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  }),
  lineSent: new Counter<"via">({
    name: "tsunagu_line_messages_sent_total",
    help: "Outbox rows LINE accepted, by reply or push",
    labelNames: ["via"],
    registers,
  }),
  outboxHandedOver: new Counter({
    name: "tsunagu_outbox_handed_over_total",
    help: "Outbox rows the inbox worker claimed as it wrote them, sent without a separate claim",
    registers,
  }),
  lineRetries: new Counter({
    name: "tsunagu_line_send_retries_total",
    help: "LINE calls that failed with 5xx, 429 or a network error and were scheduled again",
    registers,
  }),
  lineFailed: new Counter({
    name: "tsunagu_line_send_failed_total",
    help: "Outbox rows given up: a permanent 4xx, or retries exhausted",
    registers,
  }),
  notificationsSent: new Counter<"channel">({
    name: "tsunagu_notifications_sent_total",
    help: "Notifications to windows delivered, by channel (webhook, email)",
    labelNames: ["channel"],
    registers,
  }),
  notificationsFailed: new Counter<"channel">({
    name: "tsunagu_notifications_failed_total",
    help: "Notifications to windows given up after their last attempt, by channel",
    labelNames: ["channel"],
    registers,
  }),
};

const gauges = {
  inboxLag: new Gauge({
    name: "tsunagu_inbox_lag_seconds",
    help: "Age of the oldest inbox event not yet processed (0 when none waits)",
    registers,
  }),
  inboxPending: new Gauge({ name: "tsunagu_inbox_pending", help: "Inbox events waiting to be processed", registers }),
  outboxDepth: new Gauge({
    name: "tsunagu_outbox_depth",
    help: "Outbox messages not yet delivered to LINE (pending or being sent)",
    registers,
  }),
  referrals: new Gauge<"status">({
    name: "tsunagu_referrals",
    help: "Referrals by lifecycle status",
    labelNames: ["status"],
    registers,
  }),
};

// Known label values start at zero, so a rate() or an alert has a series before the first event.
for (const result of ["stored", "duplicate", "unreadable"] satisfies WebhookEventResult[]) metrics.webhookEvents.inc({ result }, 0);
for (const reason of ["signature", "not_json", "not_webhook"] satisfies WebhookRejection[]) metrics.webhookRejected.inc({ reason }, 0);
for (const result of ["done", "ignored", "retried", "failed"] satisfies InboxResult[]) metrics.inboxEvents.inc({ result }, 0);
for (const via of ["reply", "push"] satisfies SendVia[]) metrics.lineSent.inc({ via }, 0);
for (const channel of ["webhook", "email"]) {
  metrics.notificationsSent.inc({ channel }, 0);
  metrics.notificationsFailed.inc({ channel }, 0);
}

/** One webhook request's events: how many were stored, already known, or unreadable. */
export function countWebhookEvents(received: number, readable: number, stored: number): void {
  metrics.webhookEvents.inc({ result: "stored" }, stored);
  metrics.webhookEvents.inc({ result: "duplicate" }, readable - stored);
  metrics.webhookEvents.inc({ result: "unreadable" }, received - readable);
}

/** An outbox row LINE accepted; the first answer to an event carries the event's arrival time. */
export function countLineSent(via: SendVia, eventReceivedAt: Date | null, now: number = Date.now()): void {
  metrics.lineSent.inc({ via });
  if (eventReceivedAt) metrics.eventToReply.observe({ via }, Math.max(0, now - eventReceivedAt.getTime()) / 1000);
}

/** Reads the queues and the referrals from the database into their gauges (at each scrape). */
export async function sampleDatabase(prisma: PrismaClient, now: number = Date.now()): Promise<void> {
  const [inbox, outboxDepth, referrals] = await Promise.all([
    prisma.inboxEvent.aggregate({ where: { status: "pending" }, _count: { _all: true }, _min: { receivedAt: true } }),
    prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }),
    prisma.referral.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const oldest = inbox._min.receivedAt;
  gauges.inboxLag.set(oldest ? Math.max(0, now - oldest.getTime()) / 1000 : 0);
  gauges.inboxPending.set(inbox._count._all);
  gauges.outboxDepth.set(outboxDepth);
  // Every status is written, so one that emptied reads 0 rather than its last count.
  gauges.referrals.reset();
  for (const status of ReferralStatus.options) gauges.referrals.set({ status }, 0);
  for (const row of referrals) gauges.referrals.set({ status: row.status }, row._count._all);
}
