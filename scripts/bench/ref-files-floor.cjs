// The floor of reading which tags are on HEAD from 10,000 loose refs in Node: start, list
// .git/refs/tags, and open, read and close each file (the three calls the ref reader makes);
// nothing compared. Run in the fixture's directory.
const { closeSync, openSync, readdirSync, readSync } = require('node:fs');

const dir = '.git/refs/tags';
const buffer = Buffer.alloc(128);
for (const name of readdirSync(dir)) {
  const fd = openSync(`${dir}/${name}`, 'r');
  readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
}
