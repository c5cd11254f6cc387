/**
 * Store failures as values the rest of the bot can act on: a user gets a message that says what
 * happened (the disk is full), an operator a log line and a metric, and startup a one-line
 * reason that names the variable, the place, and what to do.
 */

/** full: no space left; busy: locked by someone else for too long; unavailable: the server is unreachable. */
export type StoreErrorKind = 'full' | 'busy' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The database was written by a newer version of the bot (a rolled-back deploy). */
export class StoreVersionError extends Error {
  constructor(found: number, known: number) {
    super(`the database has schema version ${found} but this bot only knows up to ${known}; run the newer bot or restore a backup`);
    this.name = 'StoreVersionError';
  }
}

/** The store could not be opened at startup; the message is the whole line an operator reads. */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export const isStoreError = (err: unknown, kind?: StoreErrorKind): err is StoreError => err instanceof StoreError && (kind === undefined || err.kind === kind);

/** Long values (a path, a URL) cut short for a log line, as config errors do. */
export function shorten(value: string, max = 120): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** A connection URL safe to print: the password replaced by ***. Unparsable URLs are not printed at all. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return shorten(parsed.toString());
  } catch {
    return '(unparsable URL)';
  }
}
