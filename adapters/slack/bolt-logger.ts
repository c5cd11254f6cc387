import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { maskUserIds } from '../../src/bot/privacy.ts';
import type { Logger } from '../../src/log.ts';

/**
 * Bolt's Logger interface on top of our pino logger, so Bolt's and the WebClient's lines land
 * in the same stream with the same redaction. Bolt's debug output includes whole request bodies,
 * so it goes to pino's trace level: seen only when asked for explicitly. Slack user ids in those
 * bodies (and in any other line) are masked, so the log never says who asked.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  let level: LogLevel = fromPino(logger.level);
  const write = (method: 'trace' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    const err = parts.find((p): p is Error => p instanceof Error);
    const message = maskUserIds(
      parts
        .filter((p) => p !== err)
        .map((p) => (typeof p === 'string' ? p : safeJson(p)))
        .join(' '),
    );
    if (err) log[method]({ err: maskedError(err) }, message || maskUserIds(err.message));
    else log[method](message);
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
  return { type: err.name, message: maskUserIds(err.message), ...(err.stack ? { stack: maskUserIds(err.stack) } : {}), ...(code !== undefined ? { code } : {}) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
