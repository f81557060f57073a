/** The forms a password could end up stored in by mistake: UTF-8, UTF-16 (SQLite's other text encoding), base64. */
export function leaks(bytes: Buffer, password: string): string[] {
  const forms: [string, Buffer][] = [
    ['utf8', Buffer.from(password, 'utf8')],
    ['utf16le', Buffer.from(password, 'utf16le')],
    ['base64', Buffer.from(Buffer.from(password, 'utf8').toString('base64'), 'utf8')]
  ]
  return forms.filter(([, f]) => bytes.includes(f)).map(([name]) => name)
}
