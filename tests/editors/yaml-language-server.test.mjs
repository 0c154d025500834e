// The editors' tools, for real: yaml-language-server (the engine of VS Code's YAML extension
// and of other editors) opens files of a site and checks and completes them with the
// schemas `vitrine schema` wrote. Run by tests/cli.rs with SITE, a copy of the example
// holding a record just made by `vitrine new film essai`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const site = process.env.SITE;
const require = createRequire(import.meta.url);

/** A language server over stdio, speaking JSON-RPC as an editor does. */
class Server {
  constructor(settings) {
    this.process = spawn(process.execPath, [
      require.resolve('yaml-language-server/bin/yaml-language-server'),
      '--stdio',
    ]);
    this.buffer = Buffer.alloc(0);
    this.next = 0;
    this.pending = new Map();
    this.diagnostics = new Map();
    this.waiting = [];
    this.settings = settings;
    this.process.stdout.on('data', (chunk) => this.read(chunk));
  }

  send(message) {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method, params) {
    const id = ++this.next;
    this.send({ id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(this.buffer.subarray(0, end))[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length));
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.method === 'textDocument/publishDiagnostics') {
        this.diagnostics.set(message.params.uri, message.params.diagnostics);
        this.waiting.filter((w) => w.uri === message.params.uri).forEach((w) => w.resolve());
      } else if (message.method === 'workspace/configuration') {
        this.send({ id: message.id, result: message.params.items.map(() => this.settings) });
      } else if (message.method) {
        if (message.id !== undefined) this.send({ id: message.id, result: null });
      } else {
        this.pending.get(message.id)?.(message.result);
      }
    }
  }

  async start() {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(site).href,
      capabilities: { workspace: { configuration: true } },
    });
    this.send({ method: 'initialized', params: {} });
    this.send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml: this.settings } } });
  }

  /** Opens `rel` with `text` (its content by default); resolves to its diagnostics. */
  open(rel, text = readFileSync(join(site, rel), 'utf8')) {
    const uri = pathToFileURL(join(site, rel)).href;
    const published = new Promise((resolve) => this.waiting.push({ uri, resolve }));
    this.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'yaml', version: 1, text } },
    });
    return published.then(() => ({ uri, diagnostics: this.diagnostics.get(uri) }));
  }

  stop() {
    this.process.kill();
  }
}

/** Diagnostics as `line:column message`, 1-based as editors show them. */
const shown = (diagnostics) =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);

const base = { validate: true, completion: true, schemaStore: { enable: false } };

test('a record made by vitrine new is checked and completed through its own $schema line', async () => {
  const server = new Server(base);
  try {
    await server.start();
    const rel = 'content/films/essai/record.yaml';
    const text = readFileSync(join(site, rel), 'utf8');
    assert.match(text.split('\n')[0], /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/film\.schema\.json$/);
    assert.deepEqual(shown((await server.open(rel)).diagnostics), [], 'the new record is valid');

    const lines = text.split('\n');
    const duration = lines.findIndex((l) => l.startsWith('duration:'));
    lines[duration] = 'duration: quatre-vingt-dix';
    lines.push('duraton: 3', 'themes: [cinema-d-auteur]', '');
    const broken = 'content/films/essai/broken.yaml';
    const { uri, diagnostics } = await server.open(broken, lines.join('\n'));
    const messages = shown(diagnostics);
    // An unknown running time may be left out (or written `~`); text is still refused.
    assert.ok(messages.includes(`${duration + 1}:11 Incorrect type. Expected one of integer, null.`), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith(`${lines.length - 2}:1 Property duraton is not allowed`)), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith(`${lines.length - 1}:10 Value is not accepted`) && m.includes('"cinema-francophone"')), messages.join('\n'));

    // Completion on an empty line offers the fields of a film, described.
    const completion = await server.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: lines.length - 1, character: 0 },
    });
    const items = completion.items ?? completion;
    const labels = items.map((i) => i.label);
    for (const field of ['original_title', 'subtitles', 'credits', 'images', 'resources']) {
      assert.ok(labels.includes(field), `${field} is offered: ${labels.join(', ')}`);
    }
  } finally {
    server.stop();
  }
});

test('.vscode/settings.json gives the example files their schemas', async () => {
  const settings = JSON.parse(readFileSync(join(site, '.vscode/settings.json'), 'utf8'))['yaml.schemas'];
  const schemas = Object.fromEntries(
    Object.entries(settings).map(([file, glob]) => [pathToFileURL(join(site, file)).href, glob]),
  );
  const server = new Server({ ...base, schemas });
  try {
    await server.start();
    for (const rel of ['site.yaml', 'content/films/marche-de-nuit/record.yaml', 'content/collections/ecrans-d-afrique/collection.yaml']) {
      assert.deepEqual(shown((await server.open(rel)).diagnostics), [], rel);
    }
    const rel = 'content/books/memoire-de-sel/record.yaml';
    const text = readFileSync(join(site, rel), 'utf8') + 'pagse: 240\n';
    const messages = shown((await server.open(rel, text)).diagnostics);
    assert.ok(messages.some((m) => m.includes('Property pagse is not allowed')), messages.join('\n'));
  } finally {
    server.stop();
  }
});
