// Package xmlscan is the XML scanner and the value parsers shared by the
// GPX and TCX decoders (decode/gpx and decode/tcx).
//
// Scanner walks the start and end tags of a document already in memory,
// giving each tag's name, raw attributes and the character data right after
// it, without allocating per token; it checks that end tags match start
// tags and reports a document cut off inside an element as ErrTruncated.
// Str, ParseFloat and ParseTime turn that raw text into strings, numbers
// and times.
//
// It also holds the frame of the two Decode functions: Scanner.Run drives
// a format's Handler over the whole document and reports an empty, broken
// or cut-off file as a *decode.ParseError, and Recover turns a panic into
// one.
//
// Documents must be UTF-8 or declare ISO-8859-1 or Windows-1252 (both read
// as Latin-1). Only the five predefined entities and character references
// are resolved; other entities are left as written.
//
// # Why a scanner of its own
//
// The decoders have the whole document in memory, so the scanner needs no
// buffer: it searches forward in the document for each '<' and '>' with
// bytes.IndexByte (vectorised) and returns slices of it. Until issue #12
// it read the document through github.com/muktihari/xmltokenizer v0.0.5's
// RawToken, which copies the input into a buffer that it grows by its read
// size (16 KiB here) whenever a token does not fit: a token of n bytes
// costs about n²/32 KiB bytes of copying. A 32 MB track name took 47 s,
// a 245 KB gzipped GPX of 240 MB of spaces took 4 min 52 s and 2 GB.
//
// BenchmarkTokenizers measured four ways of finding every token, on the
// importable GPX and TCX files of the corpus (8.6 MB) and on a GPX document
// whose <name> holds 4 or 32 MB (go test -bench Tokenizers -benchtime 10x,
// 2026-12-06, on the shared 2-core machine at a load average of 20-25, so
// the figures are low and noisy; medians of three):
//
//	tokenizer                   corpus        4 MB name   32 MB name  allocated, corpus
//	this Scanner (and parsing)  61 MB/s       0.33 ms     22 ms       14 KB
//	xmltokenizer, 16 KiB steps  56 MB/s       0.84 s      47 s        2.0 MB (34 GB for 32 MB)
//	xmltokenizer, pre-sized     28 MB/s       85 ms       1.18 s      26 MB
//	encoding/xml RawToken        6 MB/s       0.42 s      5.3 s       31 MB
//
// Pre-sizing xmltokenizer's buffer to the document makes it linear but
// copies the document and scans it a byte at a time; encoding/xml is
// linear but allocates for every token. The Scanner is the fastest of the
// linear ones and the only one that copies nothing; it also parses each
// tag and checks it against its start tag, which the others' figures
// leave out. Measured in CPU time (bench/cmd/importbench, one core, the
// corpus ten times), decode/gpx and decode/tcx read 106 and 101 MB per
// CPU-second with it, against 88 and 75 with xmltokenizer and 11 and 13
// with xml.Unmarshal (bench/README.md).
package xmlscan
