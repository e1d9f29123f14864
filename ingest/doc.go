// Package ingest imports activity files into a store: it expands the paths
// a runner gives (files, folders, Strava and Garmin Connect export
// archives, gzipped files); on every core, decodes each file, computes its
// metrics, encodes its samples and compresses the original; and stores
// each activity in one transaction through a single writer.
//
// Guarantees: one bad file never aborts the batch and never leaves half an
// activity stored (decoding finishes before anything is written, and the
// store writes each activity atomically); importing the same thing twice
// stores nothing new (the SHA-256 of the content, and the store's
// same-sport-same-minute rule for the same run from another source).
//
// Hostile files (limits.go, SECURITY.md): every archive entry
// and gzip stream is read through limits checked while it streams (size,
// expansion ratio, an archive's entries, depth and total) and sniffed from
// its first 4 KiB before the rest is inflated; an archive inside an
// archive is read as a stream (zipstream.go), never spilled to disk; at
// most MaxQueuedBytes of entries wait for the workers; decoders refuse a
// file of more than decode.MaxSamples samples as they meet it; every
// activity goes through activity.Sanitize (impossible values dropped,
// names bounded) and one that activity.Implausible rejects is stored with
// ImplausibleWarning; a folder's symbolic links are followed within
// bounds (listDir). The CLI and the server both import through Importer,
// so the limits hold for uploads as for files on disk.
//
// ingest does I/O (it reads files) but knows nothing of SQL or terminals:
// it talks to the store through the small Store interface below and
// reports progress through a callback.
package ingest
