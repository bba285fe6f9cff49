// The floor of any audit written in Node: start, start one `git cat-file --batch`, ask it for the
// blobs the audit benchmark's baseline prints (.git/blobs.txt), and receive them; nothing judged.
// Run in the fixture's directory.
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');

const names = readFileSync('.git/blobs.txt');
const wanted = names.toString('latin1').split('\n').filter(Boolean).length;
const git = spawn('git', ['cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
let pending = Buffer.alloc(0);
let received = 0;
git.stdout.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  // Each answer: "<oid> <type> <size>\n", the object's bytes, "\n".
  for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10)) {
    const size = Number(pending.toString('latin1', 0, end).split(' ')[2]);
    if (pending.length < end + size + 2) return;
    pending = pending.subarray(end + size + 2);
    if (++received === wanted) git.stdin.end();
  }
});
git.stdin.write(names);
