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
package xmlscan
