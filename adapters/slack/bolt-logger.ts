import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { maskUserIds } from '../../src/bot/privacy.ts';
import type { Logger } from '../../src/log.ts';

/**
 * Bolt's Logger interface on top of our pino logger, so Bolt's and the WebClient's lines land
 * in the same stream with the same redaction. Bolt's debug output includes whole request bodies,
 * so it goes to pino's trace level: seen only when asked for explicitly. Slack user ids in those
 * bodies (and in any other line) are masked, so the log never says who asked; so are tokens and
 * the client secret (the WebClient's own redaction misses `client_secret` in oauth.v2.access).
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  let level: LogLevel = fromPino(logger.level);
  const write =
    (method: 'trace' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const err = parts.find((p): p is Error => p instanceof Error);
      const message = masked(
        parts
          .filter((p) => p !== err)
          .map((p) => (typeof p === 'string' ? p : safeJson(p)))
          .join(' '),
      );
      // said again, with the workspace, by the adapter's error handler: once is enough
      const line = message || (err ? masked(err.message) : '');
      const at = (method === 'warn' || method === 'error') && SAID_BY_THE_ADAPTER.test(line) ? 'trace' : method;
      if (err) log[at]({ err: maskedError(err) }, line);
      else log[at](line);
    };
  return {
    debug: write('trace'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Bolt calls setLevel with its own default; pino's level (from LOG_LEVEL) stays in charge
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Bolt lines the adapter reports itself, in one line with more to go on: an event from a workspace
 * it cannot authorize, and an install link that is stale or from another browser (Bolt logs those
 * as errors with a stack, but they are a visitor's, not the bot's: the adapter warns once).
 */
const SAID_BY_THE_ADAPTER =
  /^(Authorization of incoming event did not succeed|Failed to load the data represented by the state parameter|The state parameter is not for this browser session|The state value is already expired)/;

/** Slack tokens (xoxb-, xoxp-, xapp-, refresh xoxe-) and the OAuth client secret, wherever they appear. */
const SECRETS = [/\bxox[a-z]-[\w-]+|\bxapp-[\w-]+|\bxoxe\.[\w.-]+/g, /("client_secret"\s*:\s*")[^"]*"/g, /(client_secret=)[^&\s"]+/g];

function masked(text: string): string {
  let out = maskUserIds(text);
  for (const secret of SECRETS)
    out = out.replace(secret, (_whole, keep?: string) => (typeof keep === 'string' ? `${keep}[redacted]${keep.endsWith('"') ? '"' : ''}` : '[redacted]'));
  return out;
}

function fromPino(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

/** What pino's error serializer would show (type, message, stack, code), with user ids masked. */
function maskedError(err: Error): Record<string, unknown> {
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: masked(err.message), ...(err.stack ? { stack: masked(err.stack) } : {}), ...(code !== undefined ? { code } : {}) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
