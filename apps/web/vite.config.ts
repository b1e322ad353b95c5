import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The API and the gateway WebSocket both live under /api on the Parley server.
const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: 'http://127.0.0.1:8080', ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: { outDir: 'dist', emptyOutDir: true },
  // sqlite-wasm finds its .wasm next to its own module; pre-bundling would move it.
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
});
