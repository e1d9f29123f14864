package xmlscan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/muktihari/xmltokenizer"
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

// Scanner reads the elements of an XML document from xmltokenizer's
// RawToken and parses each tag itself. It skips the XML declaration,
// comments, processing instructions and DOCTYPE, and checks that end tags
// match start tags, which the tokenizer does not.
//
// xmltokenizer's own Token method is not used because it mis-reads a tag
// whose name is followed by a tab or a newline instead of a space (the first
// attribute becomes part of the name) and ignores single-quoted attribute
// values; RawToken only finds the token boundaries, which it does fast.
//
// The tokenizer finds tokens by counting angle brackets, so a comment that
// holds '<' or '>' is blanked out before tokenizing. A '>' inside an
// attribute value still ends its tag early: the attributes after it are
// lost, and the rest of the document reads normally.
type Scanner struct {
	z    *xmltokenizer.Tokenizer
	data []byte // the document as given to New

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

// Init sets s to read data from its first tag and returns s. data is not
// modified: when a comment must be blanked out, s reads a copy. A Scanner
// is meant to be a field of the decoder that uses it, set up with Init, so
// that the two take one allocation.
func (s *Scanner) Init(data []byte) *Scanner {
	const readSize = 16 << 10
	*s = Scanner{
		data: data,
		z: xmltokenizer.New(bytes.NewReader(blankComments(data)),
			xmltokenizer.WithReadBufferSize(readSize),
			// A single token (a long CDATA description) may be as large as
			// the file; the default limit of 1 MB would reject it.
			xmltokenizer.WithAutoGrowBufferMaxLimitSize(len(data)+4*readSize)),
		open: make([]byte, 0, 256),
		ends: make([]int, 0, 16),
	}
	return s
}

// blankComments returns data with the inside of every comment that holds
// a '<' or '>' replaced by spaces (newlines are kept, so line numbers stay
// right). The tokenizer finds tokens by counting angle brackets, so such a
// comment would throw it off for the rest of the file. data is copied only
// when it has such a comment.
func blankComments(data []byte) []byte {
	out := data
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("<!--"))
		if j < 0 {
			break
		}
		start := i + j + len("<!--")
		end := len(data)
		if k := bytes.Index(data[start:], []byte("-->")); k >= 0 {
			end = start + k
		}
		if bytes.ContainsAny(data[start:end], "<>") {
			if &out[0] == &data[0] {
				out = bytes.Clone(data)
			}
			for p := start; p < end; p++ {
				if out[p] != '\n' {
					out[p] = ' '
				}
			}
		}
		i = end + len("-->")
	}
	return out
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
// a complete document, ErrTruncated when the data ends inside an element,
// and a descriptive error for an end tag that does not match its start tag
// and for a tag without a name or a closing '>'. Text outside elements (a
// byte order mark, stray white space), the XML declaration, comments,
// processing instructions and DOCTYPE are skipped.
func (s *Scanner) Next() error {
	for {
		b, err := s.z.RawToken()
		if err != nil {
			switch {
			case errors.Is(err, io.EOF):
				if len(s.ends) > 0 {
					return ErrTruncated
				}
				return io.EOF
			case errors.Is(err, io.ErrUnexpectedEOF):
				return ErrTruncated
			}
			return err
		}
		if len(b) < 2 || b[0] != '<' {
			continue // stray text outside any tag
		}
		switch b[1] {
		case '?':
			if s.elements == 0 && bytes.HasPrefix(b, []byte("<?xml")) {
				s.latin1 = latinEncoding(b)
			}
			continue
		case '!': // comment, DOCTYPE, stray CDATA section
			continue
		case '/':
			return s.endTag(b)
		}
		return s.startTag(b)
	}
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

func (s *Scanner) startTag(b []byte) error {
	gt := bytes.IndexByte(b, '>')
	if gt < 0 {
		return errors.New("tag without a closing '>'")
	}
	tag := b[1:gt]
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isSpace(tag[n]) {
		n++
	}
	if n == 0 {
		return errors.New("tag without a name")
	}
	name := tag[:n]
	s.elements++
	s.kind, s.name, s.local = StartTag, name, localName(name)
	s.attrs, s.text, s.selfClosing = tag[n:], charData(b[gt+1:]), self
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
