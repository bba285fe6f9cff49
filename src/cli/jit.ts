// V8's optimising compiler, tuned for a run of the CLI (never for a process that only loaded the
// API). A check of many small files is over before TurboFan's work on its hot functions pays off,
// and Node waits for that unfinished work when the process exits: with 500 small sources that cost
// a third of the run. Large inputs keep the compiler, which then earns its keep several times over.
let ownProcess = false;
let tuned = false;

/** The CLI says the process is its own to tune. */
export const cliOwnsProcess = (): void => {
  ownProcess = true;
};

const MANY_FILES = 64;
const LARGE_INPUT = 1 << 20;

/** Called once the files to parse are known: many files, little text, and the optimisers are switched off. */
export async function tuneForWork(files: number, bytes: number): Promise<void> {
  if (!ownProcess || tuned || files < MANY_FILES || bytes > LARGE_INPUT) return;
  tuned = true;
  // Loaded only here: node:v8 itself costs a small check more than it would save. Interpreter and
  // baseline code only (--max-opt=1): no TurboFan, nor Maglev where a newer V8 has it.
  (await import('node:v8')).setFlagsFromString('--max-opt=1');
}

/** V8 stamps a code cache with the flags in force: one made after tuning would not fit the next run. */
export const jitTuned = (): boolean => tuned;
