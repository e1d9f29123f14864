// Package export is the runner's copy of their data: Write streams
// everything of one athlete into a zip archive, and Import stores such an
// archive (made by this or an earlier version) into a store again.
//
// The archive holds one document per resource, JSON or CSV as asked
// (docs/json.md, "rebound export", is the schema), and every original
// file as it was imported, decompressed, under originals/:
//
//	manifest.json          what the archive is: format "rebound-export", version, counts
//	profile.json           the profile                     (profile.csv)
//	activities.json        activities with summary, device totals, laps, pauses
//	                       (activities.csv, laps.csv, pauses.csv)
//	samples.json           every activity's samples        (samples.csv)
//	checkins.json          morning check-ins               (checkins.csv)
//	session_rpes.json      session RPEs by activity id     (session_rpes.csv)
//	shoes.json             shoes                           (shoes.csv)
//	checklist_ticks.json   ticked recovery steps           (checklist_ticks.csv)
//	originals/ID-NAME      the original files
//
// Write never holds more than one activity in memory: it reads the store
// activity by activity and writes each entry as it goes (the zip format
// puts its directory at the end). Absent values are null in JSON and
// empty in CSV, never a made-up zero.
//
// Import takes JSON exports only (CSV is for spreadsheets, and loses the
// nesting of the documents): activities come back from their originals,
// decoded again (ingest.Analyse), with the exported name, sport, gear,
// source and import time; activities without an original (manual
// entries) come back from their documents. Import adds, and never
// replaces: what the store already holds (an activity with the same
// content or the same start, a check-in of the same day, a shoe of the
// same name, a profile) is kept and counted as kept.
//
// The archive's keys are this package's own: each document has a type
// here (profileJSON, Background, activityJSON, summaryJSON, totalsJSON,
// sampleJSON, ...), not the domain types' or package present's. An
// archive is a file format that outlives the version that wrote it (an
// import must read what any earlier version wrote, and the version is
// raised only when a key changes meaning), whereas the domain types
// change with the models and present's documents follow the CLI and API
// (rounded numbers, derived keys such as paces, omitted unset fields).
// Where a document mirrors a domain type one to one (summaryJSON,
// totalsJSON, Background) a Go conversion fills it, so a field added to
// the domain type fails to build until it has its key here.
//
// export imports store (the interface), ingest, decode and the domain
// packages; it knows nothing of SQL, HTTP or terminals.
package export
