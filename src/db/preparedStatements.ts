// Named prepared statements on PostgreSQL: a statement prepared once per connection is then only
// bound and executed, so PostgreSQL does not parse, analyse and plan the hot path's statements
// (the inbox worker's, the outbox sender's, the webhook's insert) again for every event. Names
// follow the text; the texts the server sends are few (its statements are templates), and past
// a bound new texts go unnamed, so neither side's cache grows without limit.
// Off (PREPARED_STATEMENTS=false) behind a pooler that does not keep them, such as PgBouncer in
// transaction mode before 1.21.
export const PREPARED_STATEMENTS_MAX = 500;

export function statementNames(max = PREPARED_STATEMENTS_MAX): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= max) return ""; // unnamed: parsed and planned each time
      name = `t${names.size + 1}`;
      names.set(sql, name);
    }
    return name;
  };
}
