// Writes schema/heimdallrc.schema.json from the configuration's one declaration (src/config/schema.ts),
// and schema/pyproject-tool.schema.json: the same for the [tool.heimdall-version] table of pyproject.toml,
// a fragment in the form SchemaStore's pyproject schema references for a tool's table.
// Run by the build; test/unit/config.test.ts compares the shipped file with the declaration.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

export async function writeConfigSchema(file = 'schema/heimdallrc.schema.json', fragment = 'schema/pyproject-tool.schema.json') {
  const out = await build({ entryPoints: ['src/config/schema.ts'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  const { configJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const schema = configJsonSchema();
  writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
  writeFileSync(fragment, JSON.stringify(pyprojectFragment(schema), null, 2) + '\n');
}

/** The table's schema: the same keys, less $schema (a TOML table does not name its schema). */
export function pyprojectFragment(schema) {
  const { $schema: _, ...properties } = schema.properties;
  return {
    ...schema,
    $id: 'https://unpkg.com/heimdall-version/schema/pyproject-tool.schema.json',
    title: 'heimdall-version configuration ([tool.heimdall-version] in pyproject.toml)',
    properties,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await writeConfigSchema();
