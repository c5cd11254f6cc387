/**
 * The security checks on a request that claims to come from Slack (HTTP mode), in one place,
 * before Bolt sees it (bolt-js keeps its own in `receivers/verify-request.ts`; its timestamp
 * check looks only at the past, and it never notices a replay):
 * - the signature: v0=HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"), compared in constant time;
 * - the timestamp: at most 5 minutes from now, either side;
 * - a replay: a signature already accepted within those 5 minutes is refused;
 * - the body: what Bolt will parse must be a JSON object (a signed `null` would otherwise hang).
 * Pure apart from the SeenRequests memory handed in; the clock is a parameter.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQueryString } from 'node:querystring';
import type { SeenRequests } from '../../src/bot/seen-requests.ts';

/** How far a request's timestamp may be from now, either way (Slack's own rule). */
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export interface SlackRequest {
  rawBody: string;
  contentType: string | undefined;
  /** x-slack-signature and x-slack-request-timestamp, as received (a repeated header arrives as an array). */
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
}

export interface VerifyOptions {
  signingSecret: string;
  nowMs: number;
  seen: SeenRequests;
}

export type Verdict = { ok: true } | { ok: false; status: 400 | 401; reason: string };

const FORM = 'application/x-www-form-urlencoded';
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export async function verifySlackRequest(request: SlackRequest, options: VerifyOptions): Promise<Verdict> {
  // Slack's ssl_check is unsigned by design; Bolt answers it and drops anything else in the body
  if (request.contentType === FORM && parseQueryString(request.rawBody).ssl_check === '1') return { ok: true };

  const { signature, timestamp } = request;
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return refuse(401, 'missing or repeated signature headers');
  if (!/^\d{1,12}$/.test(timestamp)) return refuse(401, 'x-slack-request-timestamp is not a number of seconds');
  const timestampSec = Number(timestamp);
  if (Math.abs(Math.floor(options.nowMs / 1000) - timestampSec) > MAX_CLOCK_SKEW_SEC)
    return refuse(401, 'timestamp more than 5 minutes from now (a replay, or a clock that is off)');
  if (!SIGNATURE.test(signature)) return refuse(401, 'malformed signature');
  const expected = `v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${request.rawBody}`).digest('hex')}`;
  if (!timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return refuse(401, 'signature mismatch');
  // remembered until the timestamp check would refuse it anyway
  if (!(await options.seen.firstSeen(`slack-signature:${signature}`, (timestampSec + MAX_CLOCK_SKEW_SEC + 1) * 1000)))
    return refuse(401, 'replayed request (this signature was already accepted)');
  if (!isObject(parseAsBolt(request))) return refuse(400, 'the body is not a JSON object');
  return { ok: true };
}

/** The body as Bolt's HTTPReceiver will parse it: a form (with a JSON `payload` field for interactions), else JSON. */
function parseAsBolt(request: SlackRequest): unknown {
  try {
    if (request.contentType === FORM) {
      const form = parseQueryString(request.rawBody);
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    }
    return JSON.parse(request.rawBody);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (status: 400 | 401, reason: string): Verdict => ({ ok: false, status, reason });
