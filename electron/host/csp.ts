/**
 * The one Content-Security-Policy of the renderer, for both hosts: a meta tag in the
 * built page (Electron loads it from file://) and a header from the web host.
 * Monaco (later) needs inline styles and blob workers; nothing may load from outside.
 * connect-src 'self' covers the web host's same-origin WebSocket in Chromium.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
