// Staged TypeScript is type-checked as a whole project (tsc cannot check single files with our config).
export default {
  '*.ts': () => 'tsc --noEmit -p .',
};
