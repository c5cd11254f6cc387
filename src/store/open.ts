/** Which store the configuration asks for: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
import type { Logger } from '../log.ts';
import { openPostgresStore } from './postgres.ts';
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
export function openConfiguredStore(config: StoreConfig, options: OpenConfiguredOptions = {}): Promise<Store> {
  if (config.DATABASE_URL) {
    return openPostgresStore({
      url: config.DATABASE_URL,
      ...(config.FEUD_DB_POOL_SIZE ? { poolSize: config.FEUD_DB_POOL_SIZE } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.readonly ? { migrate: false } : {}),
    });
  }
  return openSqliteStore(config.FEUD_DB_PATH, { readonly: options.readonly === true });
}
