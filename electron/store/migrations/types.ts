/** One schema step. `version` is its place in the ordered list (1, 2, ...); never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
