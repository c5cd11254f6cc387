/**
 * Opening a better-sqlite3 connection that cannot abort the process on Node 24.
 *
 * better-sqlite3 12 wraps its Database and Statement objects in node::ObjectWrap. Built against
 * Node 24.19+ headers, ObjectWrap's destructor removes an environment clean-up hook and asserts
 * that a JS environment is current, which it is not inside a garbage collection: the first GC
 * that frees one of these objects kills the process with `Assertion failed: (env) != nullptr`
 * (nodejs/node#65446). better-sqlite3 13 no longer uses ObjectWrap but needs Node 22.
 *
 * So none of them may become garbage. A connection opened here is kept, with every statement
 * prepared on it, until the process exits (Node's own clean-up then frees them safely), and
 * pragma() reuses one kept statement per text instead of preparing a new one per call.
 * A process opens a handful of connections and prepares its statements once per connection (never
 * per call), so what is kept is bounded. (iterate() and backup() make such objects too; the store
 * uses neither.)
 */
import Database from 'better-sqlite3';

const keptUntilExit: unknown[] = [];

export function openConnection(path: string, options?: Database.Options): Database.Database {
  const db = new Database(path, options);
  const statements: Database.Statement[] = [];
  const pragmas = new Map<string, Database.Statement>();
  keptUntilExit.push(db, statements, pragmas);

  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    statements.push(statement);
    return statement;
  }) as Database.Database['prepare'];

  db.pragma = (source: string, options?: Database.PragmaOptions) => {
    const key = `${options?.simple ? 'simple' : 'all'} PRAGMA ${source}`;
    let statement = pragmas.get(key);
    if (!statement) {
      statement = prepare(`PRAGMA ${source}`);
      if (options?.simple && statement.reader) statement.pluck();
      pragmas.set(key, statement);
    }
    if (!statement.reader) {
      statement.run();
      return options?.simple ? undefined : [];
    }
    return options?.simple ? statement.get() : statement.all();
  };
  return db;
}
