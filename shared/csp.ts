/**
 * The renderer's Content Security Policy: no inline script, nothing remote. META_CSP is the <meta> in
 * renderer/index.html (checked by a test; it protects the Electron window, loaded from app://desk/, whose protocol handler also sends it as a header);
 * the HTTP bridge sends CSP as a header, which may also carry frame-ancestors.
 */
export const META_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'"
].join('; ')

export const CSP = `${META_CSP}; frame-ancestors 'none'`
