/**
 * How the bot's REST calls ride out Discord's 5xx. discord.js retries a 5xx (and a timeout) at
 * once, 3 times, about 2 ms apart: a blip of a fraction of a second uses every try up and the
 * user gets "The application did not respond". Here discord.js's own retries are off
 * (`retries: 0`) and a 5xx is tried again after 250 ms, 500 ms, 1 s (about 2 s in all, inside
 * an interaction's 3 s window), but only a request that cannot post twice:
 * - anything but a POST;
 * - an interaction callback (Discord takes one response per interaction);
 * - a message create carrying `enforce_nonce` (Discord returns the message already made).
 * A timeout is not retried at all: the request may have been carried out.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import { sleepUnlessAborted } from '../../src/bot/sleep.ts';

export const SERVER_ERROR_BACKOFF_MS = [250, 500, 1000] as const;

type MakeRequest = RESTOptions['makeRequest'];
type Sleep = (ms: number, signal: AbortSignal | null | undefined) => Promise<void>;

const INTERACTION_CALLBACK = /\/interactions\/\d+\/[^/]+\/callback(?:\?|$)/;

/** Whether sending this request again after a 5xx cannot make Discord act twice. */
export function safeToRepeat(url: string, init: Parameters<MakeRequest>[1]): boolean {
  if ((init.method ?? 'GET').toUpperCase() !== 'POST') return true;
  if (INTERACTION_CALLBACK.test(url)) return true;
  return typeof init.body === 'string' && /"enforce_nonce":true/.test(init.body);
}

/** discord.js's request function with a backoff on 5xx for requests that are safe to repeat. */
export function withServerErrorBackoff(base: MakeRequest = DefaultRestOptions.makeRequest, sleep: Sleep = sleepUnlessAborted): MakeRequest {
  return async (url, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await base(url, init);
      const wait = SERVER_ERROR_BACKOFF_MS[attempt];
      if (res.status < 500 || wait === undefined || !safeToRepeat(url, init) || init.signal?.aborted) return res;
      // free the connection before waiting
      await res.arrayBuffer().catch(() => undefined);
      await sleep(wait, init.signal);
      // discord.js's own timeout (or a caller) gave up while we waited: say so as fetch would
      if (init.signal?.aborted) throw init.signal.reason instanceof Error ? init.signal.reason : new DOMException('The operation was aborted', 'AbortError');
    }
  };
}

/** The REST options the adapter gives discord.js. */
export function restOptions(apiUrl: string | undefined): Partial<RESTOptions> {
  return { ...(apiUrl ? { api: apiUrl } : {}), retries: 0, makeRequest: withServerErrorBackoff() };
}
