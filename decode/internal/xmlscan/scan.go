package xmlscan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Kind says what a Scanner's current token is.
type Kind uint8

// The kinds of token Scanner.Next stops at.
const (
	StartTag Kind = iota + 1 // <name attr="v">text or <name/>
	EndTag                   // </name>
)

// ErrTruncated is returned by Scanner.Next when the data ends inside an
// element (a file cut off while it was written or downloaded).
var ErrTruncated = errors.New("unexpected end of file")

// Scanner reads the elements of an XML document held in memory. It finds
// each token by searching forward from the end of the last one (with
// bytes.IndexByte and friends, which are vectorised), so a document is
// read in time linear in its size whatever the size of a single token,
// and it never copies the document: every slice it returns points into
// it. It skips the XML declaration, comments, processing instructions and
// DOCTYPE, and checks that end tags match start tags.
//
// Limits: a tag name longer than MaxNameBytes and elements nested deeper
// than MaxDepth are errors (no GPX or TCX document comes near either, and
// both would otherwise let one document make the open-element stack as
// large as itself); Str returns at most MaxTextBytes of a value.
type Scanner struct {
	data []byte // the document as given to Init
	pos  int    // where the next token is searched from

	// The current token, valid until the next call to Next.
	kind        Kind
	name        []byte // qualified name, "ns3:hr"
	local       []byte // local name, "hr"
	attrs       []byte // the raw attribute text of a start tag
	text        []byte // character data right after a start tag, trimmed, CDATA unwrapped
	selfClosing bool

	// open holds the qualified names of the open elements, end to end;
	// ends[i] is where the i-th one ends in open.
	open []byte
	ends []int

	elements int  // start tags seen
	latin1   bool // the XML declaration names a single-byte Latin encoding
}

// The Scanner's limits.
const (
	// MaxNameBytes is the longest tag name the Scanner accepts. The
	// longest names in GPX 1.1, TCX v2 and their extensions are about 25
	// bytes with a namespace prefix.
	MaxNameBytes = 256
	// MaxDepth is the deepest nesting of elements the Scanner accepts. A
	// TCX track point's values sit at depth 7, a GPX extension's at 6.
	MaxDepth = 64
	// MaxTextBytes is the longest value Str returns: a name, a creator or
	// a sport longer than this is cut there (at a character boundary), so
	// that a document cannot make one string as large as itself. The
	// importer then bounds names further, with a warning.
	MaxTextBytes = 4 << 10
)

// Init sets s to read data from its first tag and returns s. data is not
// modified or copied. A Scanner is meant to be a field of the decoder that
// uses it, set up with Init, so that the two take one allocation.
func (s *Scanner) Init(data []byte) *Scanner {
	*s = Scanner{
		data: data,
		open: make([]byte, 0, 256),
		ends: make([]int, 0, 16),
	}
	return s
}

// Kind returns the kind of the current token.
func (s *Scanner) Kind() Kind { return s.kind }

// Name returns the qualified name of the current tag, such as "ns3:hr".
// Like every slice the Scanner returns, it is valid only until the next
// call to Next and must not be modified.
func (s *Scanner) Name() []byte { return s.name }

// Local returns the local name of the current tag, its Name without the
// namespace prefix: "hr" for "ns3:hr".
func (s *Scanner) Local() []byte { return s.local }

// Attrs returns the raw attribute text of the current start tag, everything
// between its name and its closing '>' or "/>"; NextAttr splits it. It is
// empty for an end tag.
func (s *Scanner) Attrs() []byte { return s.attrs }

// Text returns the character data right after the current start tag, up
// to the next tag, with surrounding white space trimmed and a CDATA section
// unwrapped; after a self-closing tag, that is the text which follows it.
// Entities are not resolved; Str does that. It is empty for an end tag and
// for an element whose first child is an element.
func (s *Scanner) Text() []byte { return s.text }

// SelfClosing reports whether the current start tag is an empty-element
// tag, <name/>. No EndTag follows it.
func (s *Scanner) SelfClosing() bool { return s.selfClosing }

// Elements returns the number of start tags read so far.
func (s *Scanner) Elements() int { return s.elements }

// Depth returns the number of open elements. After a start tag that is
// not self-closing, the new element is already counted.
func (s *Scanner) Depth() int { return len(s.ends) }

// Top returns the qualified name of the innermost open element, or nil
// when none is open.
func (s *Scanner) Top() []byte {
	n := len(s.ends)
	if n == 0 {
		return nil
	}
	start := 0
	if n > 1 {
		start = s.ends[n-2]
	}
	return s.open[start:s.ends[n-1]]
}

// Next moves to the next start or end tag. It returns io.EOF at the end of
// a complete document, ErrTruncated when the data ends inside an element
// (or inside a tag, comment or other markup), and a descriptive error for
// an end tag that does not match its start tag, a tag without a name, a
// name longer than MaxNameBytes and nesting deeper than MaxDepth. Text
// outside elements (a byte order mark, stray white space), the XML
// declaration, comments, processing instructions and DOCTYPE are skipped.
func (s *Scanner) Next() error {
	data := s.data
	for {
		lt := bytes.IndexByte(data[s.pos:], '<')
		if lt < 0 {
			s.pos = len(data)
			if len(s.ends) > 0 {
				return ErrTruncated
			}
			return io.EOF
		}
		p := s.pos + lt
		rest := data[p:]
		if len(rest) < 2 {
			s.pos = len(data)
			return ErrTruncated
		}
		switch rest[1] {
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				if !s.skipPast(p+4, "-->") {
					return ErrTruncated
				}
			case bytes.HasPrefix(rest, []byte("<![CDATA[")): // outside any text
				if !s.skipPast(p+9, "]]>") {
					return ErrTruncated
				}
			default: // DOCTYPE and other declarations
				end := declEnd(data, p+2)
				if end < 0 {
					s.pos = len(data)
					return ErrTruncated
				}
				s.pos = end + 1
			}
			continue
		case '?':
			if s.elements == 0 && bytes.HasPrefix(rest, []byte("<?xml")) {
				if k := bytes.Index(rest, []byte("?>")); k >= 0 {
					s.latin1 = latinEncoding(rest[:k])
				}
			}
			if !s.skipPast(p+2, "?>") {
				return ErrTruncated
			}
			continue
		case '/':
			gt := bytes.IndexByte(rest, '>')
			if gt < 0 {
				s.pos = len(data)
				return ErrTruncated
			}
			s.pos = p + gt + 1
			return s.endTag(rest[:gt+1])
		}
		gt := tagEnd(data, p+1)
		if gt < 0 {
			s.pos = len(data)
			return ErrTruncated
		}
		// The text after a start tag runs to the next '<'; a CDATA
		// section there runs to its end.
		textEnd := len(data)
		if k := bytes.IndexByte(data[gt+1:], '<'); k >= 0 {
			textEnd = gt + 1 + k
			if bytes.HasPrefix(data[textEnd:], []byte("<![CDATA[")) {
				if e := bytes.Index(data[textEnd+9:], []byte("]]>")); e >= 0 {
					textEnd += 9 + e + 3
				} else {
					textEnd = len(data)
				}
			}
		}
		s.pos = textEnd
		return s.startTag(data[p:gt+1], data[gt+1:textEnd])
	}
}

// skipPast moves s.pos past the first end at or after from, reporting
// whether there is one (if not, s.pos moves to the end of the data).
func (s *Scanner) skipPast(from int, end string) bool {
	k := bytes.Index(s.data[from:], []byte(end))
	if k < 0 {
		s.pos = len(s.data)
		return false
	}
	s.pos = from + k + len(end)
	return true
}

// tagEnd returns the index of the '>' that closes the tag whose content
// starts at from: the first one outside a quoted attribute value, or -1.
func tagEnd(data []byte, from int) int {
	for i := from; ; {
		gt := bytes.IndexByte(data[i:], '>')
		if gt < 0 {
			return -1
		}
		gt += i
		// A quote before that '>' opens a value that may hold it.
		q := i
		for q < gt && data[q] != '"' && data[q] != '\'' {
			q++
		}
		if q == gt {
			return gt
		}
		end := bytes.IndexByte(data[q+1:], data[q])
		if end < 0 {
			return -1
		}
		i = q + 1 + end + 1
	}
}

// declEnd returns the index of the '>' that closes a declaration such as
// <!DOCTYPE whose content starts at from, skipping an internal subset in
// [brackets] and quoted strings, or -1.
func declEnd(data []byte, from int) int {
	depth := 0
	for i := from; i < len(data); i++ {
		k := bytes.IndexAny(data[i:], `>[]"'`)
		if k < 0 {
			return -1
		}
		i += k
		switch c := data[i]; c {
		case '>':
			if depth == 0 {
				return i
			}
		case '[':
			depth++
		case ']':
			depth--
		default:
			q := bytes.IndexByte(data[i+1:], c)
			if q < 0 {
				return -1
			}
			i += 1 + q
		}
	}
	return -1
}

func (s *Scanner) endTag(b []byte) error {
	i := 2
	for i < len(b) && b[i] != '>' && !isSpace(b[i]) {
		i++
	}
	name := b[2:i]
	top := s.Top()
	switch {
	case top == nil:
		return fmt.Errorf("end tag </%s> without a start tag", Clip(name))
	case !bytes.Equal(name, top):
		return fmt.Errorf("end tag </%s> does not match <%s>", Clip(name), Clip(top))
	}
	s.ends = s.ends[:len(s.ends)-1]
	if n := len(s.ends); n > 0 {
		s.open = s.open[:s.ends[n-1]]
	} else {
		s.open = s.open[:0]
	}
	s.kind, s.name, s.local = EndTag, name, localName(name)
	s.attrs, s.text, s.selfClosing = nil, nil, false
	return nil
}

func (s *Scanner) startTag(b, text []byte) error {
	tag := b[1 : len(b)-1]
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isSpace(tag[n]) {
		n++
	}
	switch {
	case n == 0:
		return errors.New("tag without a name")
	case n > MaxNameBytes:
		return fmt.Errorf("tag name <%s…> is longer than %d bytes", Clip(tag[:n]), MaxNameBytes)
	case !self && len(s.ends) >= MaxDepth:
		return fmt.Errorf("elements nested deeper than %d", MaxDepth)
	}
	name := tag[:n]
	s.elements++
	s.kind, s.name, s.local = StartTag, name, localName(name)
	s.attrs, s.text, s.selfClosing = tag[n:], charData(text), self
	if !self {
		s.open = append(s.open, name...)
		s.ends = append(s.ends, len(s.open))
	}
	return nil
}

// charData trims the character data that follows a tag and unwraps a
// CDATA section.
func charData(b []byte) []byte {
	b = TrimSpace(b)
	if len(b) >= 12 && string(b[:9]) == "<![CDATA[" && string(b[len(b)-3:]) == "]]>" {
		return b[9 : len(b)-3]
	}
	return b
}

// NextAttr returns the attribute at or after attrs[*i] and moves *i past
// it; ok is false when there is none left (or the rest is malformed).
// Values may be quoted with " or ' and are returned raw, without the
// quotes and with entities unresolved. The usual loop over the attributes
// of a start tag is
//
//	for i := 0; ; {
//		key, val, ok := xmlscan.NextAttr(s.Attrs(), &i)
//		if !ok {
//			break
//		}
//		...
//	}
func NextAttr(attrs []byte, i *int) (key, val []byte, ok bool) {
	p := *i
	for p < len(attrs) && isSpace(attrs[p]) {
		p++
	}
	start := p
	for p < len(attrs) && attrs[p] != '=' && !isSpace(attrs[p]) {
		p++
	}
	key = attrs[start:p]
	for p < len(attrs) && isSpace(attrs[p]) {
		p++
	}
	if len(key) == 0 || p >= len(attrs) || attrs[p] != '=' {
		*i = len(attrs)
		return nil, nil, false
	}
	p++
	for p < len(attrs) && isSpace(attrs[p]) {
		p++
	}
	if p >= len(attrs) || (attrs[p] != '"' && attrs[p] != '\'') {
		*i = len(attrs)
		return nil, nil, false
	}
	q := attrs[p]
	p++
	end := bytes.IndexByte(attrs[p:], q)
	if end < 0 {
		*i = len(attrs)
		return nil, nil, false
	}
	*i = p + end + 1
	return key, attrs[p : p+end], true
}

// Attr returns the raw value of the attribute of the current start tag
// whose local name is local, and whether there is one.
func (s *Scanner) Attr(local string) ([]byte, bool) {
	for i := 0; ; {
		k, v, ok := NextAttr(s.attrs, &i)
		if !ok {
			return nil, false
		}
		if string(localName(k)) == local {
			return v, true
		}
	}
}

// Str converts character data or an attribute value to a Go string:
// entities are resolved, text of a document declared ISO-8859-1 or
// Windows-1252 is converted to UTF-8, invalid UTF-8 is replaced by U+FFFD
// and surrounding space is trimmed.
func (s *Scanner) Str(b []byte) string {
	b = TrimSpace(b)
	if len(b) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		b = b[:cut]
	}
	if bytes.IndexByte(b, '&') >= 0 {
		b = unescape(b)
	}
	if s.latin1 {
		var r []rune
		for _, c := range b {
			r = append(r, rune(c))
		}
		return string(r)
	}
	if !utf8.Valid(b) {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(b)
}

// unescape resolves the predefined XML entities and character references.
// Anything it does not understand is kept as written.
func unescape(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		amp := bytes.IndexByte(b, '&')
		if amp < 0 {
			return append(out, b...)
		}
		out = append(out, b[:amp]...)
		b = b[amp:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			out = append(out, '&')
			b = b[1:]
			continue
		}
		ent := string(b[1:semi])
		switch ent {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				out = append(out, b[:semi+1]...)
				b = b[semi+1:]
				continue
			}
			out = utf8.AppendRune(out, r)
		}
		b = b[semi+1:]
	}
	return out
}

// charRef decodes "#65" or "#x41".
func charRef(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	if digits == "" {
		return 0, false
	}
	var r rune
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*rune(base) + d
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	if !utf8.ValidRune(r) {
		return 0, false
	}
	return r, true
}

// latinEncoding reports whether an XML declaration names ISO-8859-1 or
// Windows-1252, which GPX writers on Windows sometimes use. (The two
// differ only in 0x80-0x9F; they are both read as Latin-1.)
func latinEncoding(decl []byte) bool {
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return false
	}
	k := 0
	_, v, ok := NextAttr(decl[i:], &k)
	if !ok {
		return false
	}
	switch string(bytes.ToLower(v)) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-8859-15", "windows-1252", "cp1252":
		return true
	}
	return false
}

// localName strips the namespace prefix of a qualified name.
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// TrimSpace returns b without leading and trailing XML white space
// (space, tab, CR, LF).
func TrimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// Clip shortens a name to at most 40 bytes, with invalid UTF-8 replaced,
// for an error message.
func Clip(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}

// lineOf returns the 1-based line number of byte offset off in data.
func lineOf(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
