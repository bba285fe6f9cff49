// Writes schema/heimdallrc.schema.json from the configuration's one declaration (src/config/schema.ts),
// and schema/pyproject-tool.schema.json: the same for the [tool.heimdall-version] table of pyproject.toml,
// a fragment in the form SchemaStore's pyproject schema references for a tool's table.
// Run by the build; test/unit/config.test.ts compares the shipped file with the declaration.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

/** The shipped files and the text the declaration gives each. */
async function generated(file = 'schema/heimdallrc.schema.json', fragment = 'schema/pyproject-tool.schema.json') {
  const out = await build({ entryPoints: ['src/config/schema.ts'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  const { configJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const schema = configJsonSchema();
  return [
    [file, `${JSON.stringify(schema, null, 2)}\n`],
    [fragment, `${JSON.stringify(pyprojectFragment(schema), null, 2)}\n`],
  ];
}

export async function writeConfigSchema() {
  for (const [file, text] of await generated()) writeFileSync(file, text);
}

/** --check (the pre-commit hook): the shipped schemas must be what the declaration generates. */
async function checkConfigSchema() {
  const stale = (await generated()).filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file);
  if (stale.length) {
    console.error(`${stale.join(', ')}: not what the configuration's declaration generates; run npm run build and commit the result`);
    process.exitCode = 1;
  }
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

if (import.meta.url === `file://${process.argv[1]}`) await (process.argv[2] === '--check' ? checkConfigSchema() : writeConfigSchema());
