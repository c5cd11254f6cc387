import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { openPostgresStore, PG_MIGRATIONS } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/store.ts';
import { describePostgres, dropSchema, uniqueSchema } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

describePostgres('PostgreSQL store', (url) => {
  const bump = async (schema: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "${schema}".schema_version SET version = $1`, [PG_MIGRATIONS.length + 1]);
    await client.end();
  };

  storeContract({
    name: 'postgres',
    async create() {
      const schema = uniqueSchema();
      const store = await openPostgresStore({ url, schema, poolSize: 4 });
      const connections: Store[] = [store];
      return {
        store,
        async connect() {
          const other = await openPostgresStore({ url, schema, poolSize: 4 });
          connections.push(other);
          return other;
        },
        bumpSchemaVersion: () => bump(schema),
        async destroy() {
          for (const c of connections) await c.close();
          await dropSchema(url, schema);
        },
      };
    },
    async createConcurrently(n) {
      const schema = uniqueSchema();
      const [store, ...others] = await Promise.all(Array.from({ length: n }, () => openPostgresStore({ url, schema, poolSize: 2 })));
      return {
        store: store!,
        others,
        connect: () => openPostgresStore({ url, schema, poolSize: 2 }),
        async destroy() {
          await Promise.all([store!, ...others].map((s) => s.close()));
          await dropSchema(url, schema);
        },
      };
    },
  });

  describe('PostgreSQL specifics', () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('rolls back every pending migration when one fails, and leaves the version where it was', async () => {
      const schema = uniqueSchema();
      cleanups.push(() => dropSchema(url, schema));
      await expect(openPostgresStore({ url, schema, migrations: [...PG_MIGRATIONS, 'CREATE TABLE broken (x'] })).rejects.toThrow(
        /DATABASE_URL=.*could not open the database/,
      );
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const tables = await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('subscriptions', 'schema_version')",
        [schema],
      );
      await client.end();
      expect(tables.rows).toEqual([]);
    });

    it('moves the stats of a database from before installations to workspace-less rows, keeping every count', async () => {
      const schema = uniqueSchema();
      cleanups.push(() => dropSchema(url, schema));
      const old = await openPostgresStore({ url, schema, migrations: PG_MIGRATIONS.slice(0, 1) });
      await old.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(
        `INSERT INTO "${schema}".fact_counts (fact_id, platform, answers, helpful, unhelpful, updated_at) VALUES ('founding', 'slack', 1, 1, 0, 2)`,
      );
      await client.end();
      const store = await openPostgresStore({ url, schema });
      cleanups.push(() => store.close());
      await store.recordCuration([{ type: 'answer', factId: 'founding', platform: 'slack', at: 3 }]);
      expect(await store.factStats()).toEqual([{ factId: 'founding', answers: 2, helpful: 1, unhelpful: 0 }]);
    });

    it('names DATABASE_URL with the password masked when it cannot connect, and says what to do', async () => {
      const unreachable = new URL(url);
      unreachable.port = '1';
      unreachable.password = 's3cret-pw';
      const failure = openPostgresStore({ url: unreachable.toString(), schema: uniqueSchema() });
      await expect(failure).rejects.toThrow(
        /^DATABASE_URL=postgres:\/\/[^:]+:\*\*\*@127\.0\.0\.1:1\/.*: cannot connect to PostgreSQL .*check that the server is running/,
      );
      await expect(failure).rejects.not.toThrow(/s3cret-pw/);
    });

    it('a lost connection is a log line and unhealthy, never a crash; it is healthy again once the server answers', async () => {
      const schema = uniqueSchema();
      cleanups.push(() => dropSchema(url, schema));
      const lines: string[] = [];
      const logger = createLogger('info', false, { write: (l: string) => void lines.push(l) } as never);
      const store = await openPostgresStore({ url, schema, poolSize: 2, logger, pingEveryMs: 50 });
      cleanups.push(() => store.close());
      await store.setListen({ platform: 'slack', channelId: 'C1' }, true);
      // the server ends every connection of this pool, as a restart or failover would
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query NOT ILIKE '%pg_stat_activity%' AND usename = current_user AND application_name = ''",
      );
      await admin.end();
      await expect.poll(() => lines.some((l) => l.includes('PostgreSQL connection lost')), { timeout: 5000 }).toBe(true);
      // the pool reconnects on its own
      await expect.poll(() => store.isHealthy(), { timeout: 5000 }).toBe(true);
      expect((await store.getSettings({ platform: 'slack', channelId: 'C1' })).listen).toBe(true);
    });
  });
});
