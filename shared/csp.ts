/**
 * The renderer's Content Security Policy: no inline script, nothing remote. The same string is the <meta> in
 * renderer/index.html (checked by a test) and the header of the HTTP bridge.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')
