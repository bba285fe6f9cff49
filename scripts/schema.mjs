// Writes schema/heimdallrc.schema.json from the configuration's one declaration (src/config/schema.ts).
// Run by the build; test/unit/config.test.ts compares the shipped file with the declaration.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

export async function writeConfigSchema(file = 'schema/heimdallrc.schema.json') {
  const out = await build({ entryPoints: ['src/config/schema.ts'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  const { configJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  writeFileSync(file, JSON.stringify(configJsonSchema(), null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await writeConfigSchema();
