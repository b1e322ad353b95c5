import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, type TestServer } from './harness.ts';

describe('operations endpoints', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(() => t?.stop());

  it('reports alive and ready with each dependency checked', async () => {
    expect((await call(t.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await call(t.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', blobs: 'ok', bus: 'ok' } });
  });

  it('reports not ready when a dependency fails', async () => {
    const broken = await startTestServer('embedded');
    await broken.ctx.database.close();
    const ready = await call(broken.url, 'GET', '/readyz');
    expect([ready.status, ready.body.error.code]).toEqual([503, 'NOT_READY']);
    expect(ready.body.error.message).toContain('database');
    await broken.stop();
  });

  it('exposes Prometheus metrics by route template, process metrics and gateway connections', async () => {
    const { token } = await signIn(t.url);
    await call(t.url, 'GET', '/api/v1/me', { token });
    const text = (await call<string>(t.url, 'GET', '/metrics')).body;
    expect(text).toMatch(
      /parley_http_requests_total\{method="GET",route="\/api\/v1\/me",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /parley_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/api\/v1\/auth\/verify"\}/,
    );
    expect(text).toContain('parley_process_resident_memory_bytes');
    expect(text).toContain('parley_gateway_connections 0');
  });

  it('serves an OpenAPI 3 document generated from the schemas', async () => {
    const doc = (await call(t.url, 'GET', '/api/v1/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const otp = doc.paths['/api/v1/auth/otp'].post;
    expect(otp.requestBody.content['application/json'].schema.properties.phone.maxLength).toBe(32);
    expect(Object.keys(otp.responses)).toEqual(expect.arrayContaining(['202', '400', '429']));
    expect(doc.paths['/api/v1/devices/{id}'].delete.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    expect(doc.paths['/api/v1/me/avatar'].put.requestBody.content).toHaveProperty('image/png');
  });
});

describe('web client serving', () => {
  let t: TestServer;
  let webDir: string;
  beforeAll(async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'parley-web-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Parley</title>');
    await writeFile(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await startTestServer('embedded', { env: { PARLEY_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves the app, immutable assets, and falls back to index.html for client routes', async () => {
    const home = await fetch(`${t.url}/`);
    expect(await home.text()).toContain('<title>Parley</title>');
    const asset = await fetch(`${t.url}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deep = await fetch(`${t.url}/settings/devices`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Parley</title>');
  });

  it('still answers unknown API routes with a JSON 404', async () => {
    const response = await call(t.url, 'GET', '/api/v1/missing', { headers: { accept: 'text/html' } });
    expect([response.status, response.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});

/** Starts the real entry point (main.ts) as operators do, and waits for its ready line. */
async function startMain(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, '../src/main.ts')],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Parley is running at (\S+)/);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('process lifecycle', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parley-main-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses to start on invalid configuration, naming the variable', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../src/main.ts')],
      {
        env: { PATH: process.env.PATH, PARLEY_PORT: 'eighty', PARLEY_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration: PARLEY_PORT');
  });

  it('on SIGTERM finishes in-flight requests, then exits 0', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child, url } = await startMain({
      PARLEY_PORT: port,
      PARLEY_DATA_DIR: dataDir,
      PARLEY_DEV: '1',
      PARLEY_LOG_LEVEL: 'warn',
    });
    // An avatar upload is in flight (the body is still streaming) when the signal arrives.
    const { token } = await signIn(url);
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    let sendRest: () => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(png.subarray(0, 1000));
        sendRest = () => {
          controller.enqueue(png.subarray(1000));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${url}/api/v1/me/avatar`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body,
      duplex: 'half',
    } as RequestInit);
    // The server has the upload once two requests are in flight: it and the /metrics read itself.
    await expect
      .poll(
        async () =>
          (await call<string>(url, 'GET', '/metrics')).body.match(
            /parley_http_requests_in_flight (\d+)/,
          )?.[1],
      )
      .toBe('2');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    sendRest();
    const response = await inFlight;
    expect(response.status).toBe(200);
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
