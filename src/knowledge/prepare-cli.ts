/**
 * Run by scripts/build.mjs right after bundling, from the new bundle: writes the built-in fact base,
 * validated and read by the matcher, into that bundle's folder (see prepared.ts).
 *   node <bundle>/prepare.js <file>
 */
import { writePreparedKnowledge } from './prepared.ts';

declare const __FEUD_BUILD_ID__: string | undefined;

const file = process.argv[2];
if (!file || typeof __FEUD_BUILD_ID__ !== 'string') {
  console.error('usage: node dist/prepare.js <file> (from a bundle made by scripts/build.mjs)');
  process.exit(2);
}
writePreparedKnowledge(file, __FEUD_BUILD_ID__);
