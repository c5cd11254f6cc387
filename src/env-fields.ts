/**
 * The zod fields environment variables are parsed with (blank means unset; ports, URLs, booleans,
 * bounded whole numbers) and the error they raise. src/config.ts and each adapter's descriptor build
 * their variables from these; reading process.env stays src/config.ts's job.
 */
import * as z from 'zod';

/** Raised for missing or wrong variables: one line per variable, each naming it. */
export class ConfigError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all.join('\n'));
    this.name = 'ConfigError';
    this.lines = all;
  }
}

/** A value as it may appear in an error: quoted and cut short, so a 100,000-character line is never echoed. Never use it on a secret. */
export function excerpt(value: string, max = 40): string {
  const shown = JSON.stringify(value.length > max ? value.slice(0, max) : value);
  return value.length > max ? `${shown.slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)` : shown;
}

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const optionalString = (schema: z.ZodString) => z.preprocess(blankToUndefined, schema.optional());
export const url = optionalString(z.string().url('expected a URL such as http://127.0.0.1:8080/api'));
const PORT_MESSAGE = 'expected a port number 1-65535';
export const port = (fallback?: number) =>
  z
    .preprocess(blankToUndefined, z.coerce.number(PORT_MESSAGE).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).optional())
    .transform((v) => v ?? fallback);
/** A whole number in [min, max]; the message says the range, so 0 where 0 means nothing is refused with a reason. */
export const wholeNumber = (fallback: number, min: number, max: number, unit: string) => {
  const message = `expected a whole number of ${unit} from ${min} to ${max.toLocaleString('en-US')}`;
  return z.preprocess(blankToUndefined, z.coerce.number(message).int(message).min(min, message).max(max, message).optional()).transform((v) => v ?? fallback);
};
export const bool = (fallback: boolean) =>
  z
    .preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no'], 'expected true or false (also 1/0, yes/no)').optional())
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
