import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm run build` writes dist/ with a manifest that Django's page template
// reads; Django serves the files under its STATIC_URL (/static/).
// `npm run dev` serves the app itself and forwards Django's paths to the
// Django ASGI server: the calls (/api), Mizan's websockets (/ws) and the
// login page. No `changeOrigin`: it would rewrite the Host header to the
// backend's while the browser's Origin stays the dev server's, and Django
// refuses such a POST (403 csrf_failed).
const backend = process.env.MIZAN_BACKEND ?? 'http://127.0.0.1:8000'

export default defineConfig(({ command }) => ({
  plugins: [react()],
  base: command === 'build' ? '/static/' : '/',
  build: { manifest: true },
  server: {
    proxy: {
      '/api': { target: backend },
      '/ws': { target: backend, ws: true },
      '/login': { target: backend },
    },
  },
}))
