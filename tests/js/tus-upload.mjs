// Uploads one file with the official tus-js-client (Node.js build), for the .NET tests of the upload endpoint.
//
//   node tus-upload.mjs ENDPOINT FILE ADMIN_KEY CHUNK_SIZE [ABORT_AFTER_BYTES|-] [UPLOAD_URL]
//
// ABORT_AFTER_BYTES: abort (without terminating) once that many bytes were handed to the network, print the
// upload URL and exit 0, like a browser tab closed mid-upload. UPLOAD_URL: resume that upload instead of
// creating one. Prints one JSON object per line on stdout, {"event": "url" | "progress" | "chunk" | "aborted" |
// "success" | "error", ...}; exits 1 after an error.
import fs from 'node:fs'
import path from 'node:path'
import { Upload } from 'tus-js-client'

const emit = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`)

const [endpoint, file, adminKey, chunkSizeArgument, abortArgument = '-', uploadUrl = ''] = process.argv.slice(2)
if (!endpoint || !file || !adminKey || !chunkSizeArgument) {
  process.stderr.write('usage: node tus-upload.mjs ENDPOINT FILE ADMIN_KEY CHUNK_SIZE [ABORT_AFTER_BYTES|-] [UPLOAD_URL]\n')
  process.exit(2)
}

const chunkSize = Number(chunkSizeArgument)
const abortAfter = abortArgument === '-' ? null : Number(abortArgument)
const name = path.basename(file)
let aborting = false

const upload = new Upload(fs.createReadStream(file), {
  endpoint,
  uploadUrl: uploadUrl || null,
  chunkSize,
  headers: { 'X-Marquee-Admin-Key': adminKey },
  metadata: { filename: name, title: path.parse(name).name },
  // Short delays: the tests run against a local server, and a retry is worth seeing in their output.
  retryDelays: [0, 200, 1000],
  onUploadUrlAvailable: () => emit('url', { url: upload.url }),
  onProgress: (bytesSent, bytesTotal) => {
    emit('progress', { bytesSent, bytesTotal })
    if (abortAfter !== null && !aborting && bytesSent >= abortAfter) {
      aborting = true
      // tus-js-client reports progress just before it passes a piece of the body on; aborting on the next turn
      // of the event loop lets that piece reach the socket, so the server sees a body broken off mid-chunk.
      setImmediate(() => upload.abort(false).then(
        () => {
          emit('aborted', { url: upload.url, bytesSent })
          process.exit(0)
        },
        (error) => fail(error),
      ))
    }
  },
  onChunkComplete: (size, bytesAccepted, bytesTotal) => emit('chunk', { size, bytesAccepted, bytesTotal }),
  onSuccess: ({ lastResponse }) => {
    emit('success', { url: upload.url, title: lastResponse?.getHeader('Marquee-Title') ?? null })
    process.exit(0)
  },
  onError: (error) => fail(error),
})

function fail(error) {
  const response = error?.originalResponse
  emit('error', {
    message: String(error?.message ?? error),
    status: response ? response.getStatus() : null,
    body: response ? response.getBody() : null,
  })
  process.exit(1)
}

upload.start()
