/**
 * Where the PostgreSQL suites find their server: FEUD_TEST_DATABASE_URL (.ci/run starts the
 * machine's PostgreSQL and sets it). Without it they are skipped, saying so; in CI (CI=true) a
 * missing server is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

export const TEST_DATABASE_URL = process.env.FEUD_TEST_DATABASE_URL || undefined;
const IN_CI = process.env.CI === 'true';

/** describe() that runs only with a test server; skipped with a line on stderr, or failing in CI. */
export function describePostgres(name: string, suite: (url: string) => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, () => suite(TEST_DATABASE_URL));
    return;
  }
  if (IN_CI) {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error('FEUD_TEST_DATABASE_URL is not set but CI=true: .ci/run must start PostgreSQL and export it');
      });
    });
    return;
  }
  process.stderr.write(
    `skipping the PostgreSQL suite "${name}": set FEUD_TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/db to run it (.ci/run does)\n`,
  );
  // the suite is still collected (and shown as skipped), so it gets a URL it never connects to
  describe.skip(name, () => suite('postgres://skipped@127.0.0.1:1/skipped'));
}

/** A schema of its own for one test, so suites running at once never see each other's rows. */
export function uniqueSchema(prefix = 'feud_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The URL with search_path set to the schema, as an operator would write it for a process. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
