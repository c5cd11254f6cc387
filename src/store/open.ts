/** Which store the configuration asks for: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
import type { Logger } from '../log.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

export interface StoreConfig {
  DATABASE_URL?: string | undefined;
  FEUD_DB_PATH: string;
  FEUD_DB_POOL_SIZE?: number | undefined;
}

export interface OpenConfiguredOptions {
  logger?: Logger;
  /** Reports beside a running bot: nothing is created, migrated or written. */
  readonly?: boolean;
}

/** Throws StoreOpenError with one line naming FEUD_DB_PATH or DATABASE_URL (password masked) and what to do. */
export async function openConfiguredStore(config: StoreConfig, options: OpenConfiguredOptions = {}): Promise<Store> {
  if (config.DATABASE_URL) {
    // pg (and the undici it wakes) costs ~100 ms at start: only a bot on PostgreSQL loads it
    const { openPostgresStore } = await import('./postgres.ts');
    return openPostgresStore({
      url: config.DATABASE_URL,
      ...(config.FEUD_DB_POOL_SIZE ? { poolSize: config.FEUD_DB_POOL_SIZE } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.readonly ? { migrate: false } : {}),
    });
  }
  return openSqliteStore(config.FEUD_DB_PATH, { readonly: options.readonly === true });
}
