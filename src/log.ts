import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'encryptionKey',
  'access_token',
  'refresh_token',
  'client_secret',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'FEUD_ENCRYPTION_KEY',
];
/** Paths that may hold secrets, up to two levels down (`{ config }` holds `config.slack.botToken`); pino replaces them before anything is written. */
const REDACT = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
];

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
