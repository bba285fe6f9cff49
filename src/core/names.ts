// Distribution names: where pyproject.toml states one, and how packaging tools compare and import them. Pure, a leaf.

/** PEP 503 normalization: the names pip and importlib.metadata treat as the same distribution. */
export const normalizeDistribution = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** A distribution name as an import name: PEP 503 normalized, with underscores. */
export const importName = (dist: string) => dist.toLowerCase().replace(/[-_.]+/g, '_');

/** The distribution a parsed pyproject.toml names: [project] name, else [tool.poetry] name (an empty name is none). */
export function distributionIn(pyproject: unknown): string | undefined {
  const table = (v: unknown, key: string): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);
  const name = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return name(table(table(pyproject, 'project'), 'name')) ?? name(table(table(table(pyproject, 'tool'), 'poetry'), 'name'));
}
