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
// ingest does I/O (it reads files) but knows nothing of SQL or terminals:
// it talks to the store through the small Store interface below and
// reports progress through a callback.
package ingest
