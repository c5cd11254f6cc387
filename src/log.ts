import { type DestinationStream, type Logger, pino } from 'pino';
import { ADAPTERS } from '../adapters/index.ts';

export type { Logger };

/** Every adapter names its own secrets (adapters/<name>/index.ts); `token` covers anything else called so, DATABASE_URL may hold a password. */
const SECRET_KEYS = [...new Set(['token', 'DATABASE_URL', ...ADAPTERS.flatMap((a) => a.secretKeys)])];
/** Paths that may hold secrets, up to two levels down (`{ config }` holds `config.slack.botToken`); pino replaces them before anything is written. */
const REDACT = [...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), 'headers.authorization', '*.headers.authorization', '*.*.headers.authorization'];

/**
 * Pretty lines in a terminal, JSON otherwise (for log collectors). Logs go to stderr so stdout stays for the console and CLI.
 * A destination stream (tests) gets JSON lines.
 */
export function createLogger(level = 'info', pretty = process.stderr.isTTY === true, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination(2));
}

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
