/**
 * `npm run facts:check -- --source <article.txt> [--knowledge <dir>]`
 * Fails (exit 1) unless every fact is valid and grounded in the article.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ADAPTERS } from '../../adapters/index.ts';
import { checkGrounding } from './grounding.ts';
import { BUILT_IN_KNOWLEDGE_DIR, loadKnowledge } from './load.ts';

function main(): number {
  let values: { source?: string; knowledge?: string };
  try {
    ({ values } = parseArgs({ options: { source: { type: 'string' }, knowledge: { type: 'string' } } }));
  } catch (err) {
    console.error(`facts:check: ${(err as Error).message}`);
    return 2;
  }
  if (!values.source) {
    console.error('facts:check: --source <article.txt> is required (the article the quotes must come from)');
    return 2;
  }
  let article: string;
  try {
    article = readFileSync(values.source, 'utf8');
  } catch (err) {
    console.error(`facts:check: cannot read the article at ${values.source}: ${(err as Error).message}`);
    return 2;
  }
  try {
    const { facts, topic } = loadKnowledge(values.knowledge ?? BUILT_IN_KNOWLEDGE_DIR);
    const problems = checkGrounding(facts, article, topic);
    for (const p of problems) console.error(`✗ ${p}`);
    if (problems.length > 0) {
      console.error(`facts:check: ${problems.length} problem(s) in ${facts.length} facts`);
      return 1;
    }
    const dated = facts.filter((f) => f.date).length;
    console.log(
      `facts:check: ${facts.length} facts grounded in ${values.source} (${dated} dated; every quote verbatim; replies within the limits of ${ADAPTERS.filter(
        (a) => Object.keys(a.limits).length > 0,
      )
        .map((a) => a.label)
        .join(', ')})`,
    );
    return 0;
  } catch (err) {
    console.error(`facts:check: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = main();
