// A package index on 127.0.0.1 that answers PyPI's legacy upload API as the real index does,
// so that the real `twine upload` talks to it, and serves what was uploaded through the simple
// API (PEP 503: /simple/<name>/ links to /files/<file>#sha256=…), so that the real `pip install`
// installs from it. Test helper: records what it received.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Upload {
  yanked?: true | string;
  name: string;
  version: string;
  filename: string;
  sha256: string;
  content: Buffer;
  fields: Record<string, string[]>;
  username: string;
}

export interface PypiServer {
  url: string;
  /** The simple index: pip's --index-url. */
  simple: string;
  port: number;
  uploads: Upload[];
  requests: number;
  /** Serves a file as if it had been uploaded (a release the repository never tagged); `yanked` as PEP 592 says (true, or a reason). */
  publish(name: string, version: string, filename: string, yanked?: true | string): void;
  close(): Promise<void>;
}

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts, keeping file contents as bytes. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const raw = body.subarray(start + 2, next - 2); // drop the CRLF after the delimiter and before the next
    const split = raw.indexOf('\r\n\r\n');
    const headers = raw.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    if (name !== undefined) parts.push({ name, filename, data: raw.subarray(split + 4) });
    at = next;
  }
  return parts;
}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '_');

export function startPypiServer(
  options: {
    username?: string;
    password?: string /** answer 404 to this many simple-page requests, as an index that has not caught up yet */;
    lagging?: number;
    /** Answer the simple API as PEP 691 JSON to a client that asks for it (the HTML page otherwise). */
    json?: boolean;
    /** A directory index on disk (…/simple, files in …/files) served for every name nothing was uploaded for: the dependencies. */
    mirror?: string;
  } = {},
): Promise<PypiServer> {
  const username = options.username ?? '__token__';
  const password = options.password ?? 'pypi-test-token';
  const sockets = new Set<Socket>();
  const state = { uploads: [] as Upload[], requests: 0, lagging: options.lagging ?? 0 };

  const answer = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
    res.statusMessage = message.replace(/[^\x20-\x7e]/g, ' ').slice(0, 200);
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(message);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    state.requests++;
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET') return serveIndex(res, pathname, req.headers.accept ?? '');
    if (!/^\/legacy\/?$/.test(pathname)) return answer(res, 404, 'Not Found');
    if (req.method !== 'POST') return answer(res, 405, 'Method Not Allowed');
    const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth) return answer(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="pypi"' });
    const [user, ...rest] = Buffer.from(auth, 'base64').toString('utf8').split(':');
    if (user !== username || rest.join(':') !== password) return answer(res, 403, 'Invalid or non-existent authentication information.');
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
    if (!boundary) return answer(res, 400, 'Expected multipart/form-data');
    const fields: Record<string, string[]> = {};
    let file: Part | undefined;
    for (const part of parseMultipart(body, boundary[1] ?? boundary[2]!)) {
      if (part.filename !== undefined) file = part;
      else fields[part.name] = [...(fields[part.name] ?? []), part.data.toString('utf8')];
    }
    const field = (k: string) => fields[k]?.[0];
    if (field(':action') !== 'file_upload') return answer(res, 400, 'Invalid value for :action');
    const name = field('name');
    const version = field('version');
    if (!name || !version) return answer(res, 400, `Invalid value for ${!name ? 'name' : 'version'}. Error: This field is required.`);
    if (file?.name !== 'content' || !file.filename) return answer(res, 400, 'Upload payload does not have a file.');
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    if (field('sha256_digest') !== undefined && field('sha256_digest') !== sha256)
      return answer(res, 400, 'The digest supplied does not match a digest calculated from the uploaded file.');
    const stem = `${normalize(name)}-${version}`;
    if (!normalize(file.filename).startsWith(normalize(stem))) return answer(res, 400, `Start filename for '${name}' with '${stem}'.`);
    if (state.uploads.some((u) => u.filename === file!.filename)) {
      const blake = createHash('blake2b512').update(file.data).digest('hex').slice(0, 64);
      return answer(
        res,
        400,
        `File already exists ('${file.filename}', with blake2_256 hash '${blake}'). See https://pypi.org/help/#file-name-reuse for more information.`,
      );
    }
    state.uploads.push({ name, version, filename: file.filename, sha256, content: file.data, fields, username: user! });
    answer(res, 200, 'OK');
  };

  const serveIndex = (res: ServerResponse, pathname: string, accept: string) => {
    const page = /^\/simple\/([^/]+)\/?$/.exec(pathname);
    if (page) {
      const files = state.uploads.filter((u) => normalize(u.name) === normalize(decodeURIComponent(page[1]!)));
      const mirrored = options.mirror && path.join(options.mirror, normalize(decodeURIComponent(page[1]!)).replace(/_/g, '-'), 'index.html');
      if (files.length === 0 && mirrored && !mirrored.includes('..') && existsSync(mirrored)) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(readFileSync(mirrored));
      }
      if (files.length === 0 || state.lagging-- > 0) return answer(res, 404, 'Not Found');
      if (options.json && accept.includes('application/vnd.pypi.simple.v1+json')) {
        res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
        const listed = files.map((u) => ({
          filename: u.filename,
          url: `/files/${encodeURIComponent(u.filename)}`,
          hashes: { sha256: u.sha256 },
          yanked: u.yanked ?? false,
        }));
        return res.end(JSON.stringify({ meta: { 'api-version': '1.1' }, name: page[1], files: listed }));
      }
      const yanked = (u: Upload) => (u.yanked === undefined ? '' : u.yanked === true ? ' data-yanked' : ` data-yanked="${u.yanked}"`);
      const links = files.map((u) => `<a href="/files/${encodeURIComponent(u.filename)}#sha256=${u.sha256}"${yanked(u)}>${u.filename}</a><br>`).join('\n');
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!DOCTYPE html><html><body>\n${links}\n</body></html>\n`);
    }
    const file = /^\/files\/([^/]+)$/.exec(pathname);
    const upload = file && state.uploads.find((u) => u.filename === decodeURIComponent(file[1]!));
    const name = file ? path.basename(decodeURIComponent(file[1]!)) : '';
    const onDisk = options.mirror && name && !name.startsWith('.') && path.join(options.mirror, '..', 'files', name);
    if (!upload && onDisk && existsSync(onDisk)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(readFileSync(onDisk));
    }
    if (!upload) return answer(res, 404, 'Not Found');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': upload.content.length });
    res.end(upload.content);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/legacy/`,
        simple: `http://127.0.0.1:${port}/simple/`,
        port,
        get uploads() {
          return state.uploads;
        },
        get requests() {
          return state.requests;
        },
        publish(name, version, filename, yanked) {
          const content = Buffer.from(`${filename}\n`);
          const sha256 = createHash('sha256').update(content).digest('hex');
          state.uploads.push({ name, version, filename, sha256, content, fields: {}, username: '', ...(yanked ? { yanked } : {}) });
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
