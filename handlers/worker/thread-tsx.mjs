// The desk's thread when the desk runs from source (tsx: `npm run web`, tests): Node gives a worker none of the
// parent's loaders, so register tsx here, then load the TypeScript thread. The built app starts desk-thread.js.
import { register } from 'tsx/esm/api'

register()
await import('./thread.ts')
