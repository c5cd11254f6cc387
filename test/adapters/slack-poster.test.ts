/**
 * The poster's rule for sending again: only what provably never reached Slack. The errors are
 * built the way @slack/web-api builds them (a coded error wrapping fetch's), from a stub client,
 * so the count of attempts is exact; slack-posting.test.ts runs the same rules over real HTTP.
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackPoster } from '../../adapters/slack/poster.ts';
import { TokenHealth } from '../../adapters/slack/token-health.ts';
import { DeliveryUnknownError } from '../../src/bot/adapter.ts';

const requestError = (original: Error) =>
  Object.assign(new Error(`A request error occurred: ${original.message}`), { code: webApi.ErrorCode.RequestError, original });
const refused = () =>
  requestError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }));
const reset = () =>
  requestError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
const timedOut = () => requestError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
const httpError = (statusCode: number) =>
  Object.assign(new Error(`An HTTP protocol error occurred: statusCode = ${statusCode}`), { code: webApi.ErrorCode.HTTPError, statusCode });
const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

function posterFailing(failures: Array<() => Error>) {
  let calls = 0;
  const client = {
    chat: {
      postMessage: async () => {
        const fail = failures[calls++];
        if (fail) throw fail();
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  const tokenHealth = new TokenHealth();
  const poster = createSlackPoster({ client, tokenHealth, retryDelayMs: 1 });
  return { poster, tokenHealth, calls: () => calls };
}

const message = { channel: 'C0TEST', text: 'hello', blocks: [] };

describe('Slack poster', () => {
  it('sends again after a refused connection (Slack never saw it), and posts once', async () => {
    const { poster, calls } = posterFailing([refused, refused]);
    await poster.postMessage(message);
    expect(calls()).toBe(3);
  });

  it('gives up after 3 refused connections, with the error as it was', async () => {
    const { poster, calls } = posterFailing([refused, refused, refused, refused]);
    await expect(poster.postMessage(message)).rejects.toThrow(/request error/);
    expect(calls()).toBe(3);
  });

  it.each([
    ['a timeout', timedOut, /did not answer in time/],
    ['a connection lost mid-request', reset, /connection failed mid-request/],
    ['a 503', () => httpError(503), /HTTP 503/],
  ])('never sends again after %s: it may have been posted', async (_what, failure, reason) => {
    const { poster, calls } = posterFailing([failure]);
    const attempt = poster.postMessage(message);
    await expect(attempt).rejects.toBeInstanceOf(DeliveryUnknownError);
    await expect(attempt).rejects.toThrow(reason);
    expect(calls()).toBe(1);
  });

  it('passes a platform error through, once, and notes a revoked token', async () => {
    const { poster, calls, tokenHealth } = posterFailing([() => platformError('token_revoked')]);
    await expect(poster.postMessage(message)).rejects.toThrow(/token_revoked/);
    expect(calls()).toBe(1);
    expect(tokenHealth.problem()).toBe('SLACK_BOT_TOKEN was rejected by Slack (token_revoked)');
    await poster.postMessage(message);
    expect(tokenHealth.problem()).toBeUndefined();
  });

  it('sends every post with mention parsing and unfurling off', async () => {
    const sent: unknown[] = [];
    const client = { chat: { postMessage: async (args: unknown) => void sent.push(args) } } as unknown as webApi.WebClient;
    await createSlackPoster({ client, tokenHealth: new TokenHealth() }).postMessage({ ...message, thread_ts: '1.2' });
    expect(sent).toEqual([{ ...message, thread_ts: '1.2', parse: 'none', link_names: false, unfurl_links: false, unfurl_media: false }]);
  });
});
