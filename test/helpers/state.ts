import { silentLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import type { CurationEntry, Store } from '../../src/store/store.ts';
import { createWriteBehind, type WriteBehind } from '../../src/store/write-behind.ts';

/** A store plus the curation queue the conversation writes to, as main.ts wires them. */
export interface TestState {
  store: Store;
  curation: WriteBehind<CurationEntry>;
}

export function testState(store: Store = createMemoryStore()): TestState {
  return {
    store,
    curation: createWriteBehind({ name: 'curation entries', write: (batch) => store.recordCuration(batch), logger: silentLogger, batchDelayMs: 0 }),
  };
}
