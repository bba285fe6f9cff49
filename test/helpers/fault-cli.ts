// The entry of the test build: the CLI itself, run directly (no code cache), with the fault points live.
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
