package xmlscan

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// render writes the current token compactly: a start tag as
// <name[attrs]>text or <name[attrs]/>text, an end tag as </name>.
func render(s *Scanner) string {
	if s.Kind() == EndTag {
		return "</" + string(s.Name()) + ">"
	}
	end := ">"
	if s.SelfClosing() {
		end = "/>"
	}
	return fmt.Sprintf("<%s[%s]%s%s", s.Name(), s.Attrs(), end, s.Text())
}

// scanAll reads doc to the first error and returns the rendered tokens.
func scanAll(doc string) (*Scanner, []string, error) {
	s := new(Scanner).Init([]byte(doc))
	var toks []string
	for {
		if err := s.Next(); err != nil {
			return s, toks, err
		}
		toks = append(toks, render(s))
	}
}

func TestScannerNext(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
		// The error after the tokens: io.EOF when empty; otherwise an
		// error that is (errors.Is) ErrTruncated, or one whose message
		// holds wantErr.
		wantErr string
		wantTop string // Top() after a truncated document
	}{
		{
			name: "nested elements, text, self-closing",
			doc:  "<a><b>x</b><c/></a>",
			want: []string{"<a[]>", "<b[]>x", "</b>", "<c[]/>", "</a>"},
		},
		{
			name: "tab after tag name",
			doc:  "<trkpt\tlat='1'\tlon='2'></trkpt>",
			want: []string{"<trkpt[\tlat='1'\tlon='2']>", "</trkpt>"},
		},
		{
			name: "newlines after tag name, self-closing",
			doc:  "<trkpt\nlat=\"1\"\r\nlon=\"2\"\n/>",
			want: []string{"<trkpt[\nlat=\"1\"\r\nlon=\"2\"\n]/>"},
		},
		{
			name: "white space in tags before '>'",
			doc:  "<a ><b\n></b\t></a\r\n>",
			want: []string{"<a[ ]>", "<b[\n]>", "</b>", "</a>"},
		},
		{
			name: "single-quoted attributes holding the other quote",
			doc:  `<a x='say "hi"' y="it's"/>`,
			want: []string{`<a[ x='say "hi"' y="it's"]/>`},
		},
		{
			name: "namespace prefixes",
			doc:  "<ns3:TrackPointExtension><ns3:hr>150</ns3:hr></ns3:TrackPointExtension>",
			want: []string{"<ns3:TrackPointExtension[]>", "<ns3:hr[]>150", "</ns3:hr>", "</ns3:TrackPointExtension>"},
		},
		{
			name: "comment containing '>'",
			doc:  "<a><!-- a -> b --><b/></a>",
			want: []string{"<a[]>", "<b[]/>", "</a>"},
		},
		{
			name: "comment containing a tag, before the root",
			doc:  "<!-- <a> \n </b> --><c/>",
			want: []string{"<c[]/>"},
		},
		{
			name: "declaration, DOCTYPE and processing instruction skipped",
			doc:  "<?xml version=\"1.0\"?>\n<!DOCTYPE a>\n<a><?pi x?></a>",
			want: []string{"<a[]>", "</a>"},
		},
		{
			name: "BOM and white space before the declaration",
			doc:  "\ufeff \r\n\t<?xml version='1.0'?>\n<a/>",
			want: []string{"<a[]/>"},
		},
		{
			name: "BOM right before the root",
			doc:  "\ufeff<a></a>",
			want: []string{"<a[]>", "</a>"},
		},
		{
			name: "text is trimmed",
			doc:  "<a>\n\t 1.5 \r\n</a>",
			want: []string{"<a[]>1.5", "</a>"},
		},
		{
			name: "CDATA section unwrapped, inside kept as written",
			doc:  "<a> <![CDATA[ x < y & z ]]> </a>",
			want: []string{"<a[]> x < y & z ", "</a>"},
		},
		{
			name: "text after a self-closing tag belongs to it",
			doc:  "<a>head<b/>tail</a>",
			want: []string{"<a[]>head", "<b[]/>tail", "</a>"},
		},
		{
			name: "'>' and '<' in quoted attribute values stay in them",
			doc:  `<a x="1>2" y='<3'><b/></a>`,
			want: []string{`<a[ x="1>2" y='<3']>`, "<b[]/>", "</a>"},
		},
		{
			name: "DOCTYPE with an internal subset holding '>'",
			doc:  "<!DOCTYPE a [ <!ENTITY e \"x>y\"> ]><a/>",
			want: []string{"<a[]/>"},
		},
		{
			name: "processing instruction holding '>', CDATA section between elements",
			doc:  "<a><?pi a>b?><![CDATA[ <b> ]]><c/></a>",
			want: []string{"<a[]>", "<c[]/>", "</a>"},
		},
		{
			name:    "unterminated attribute value",
			doc:     `<a><b x="1>`,
			want:    []string{"<a[]>"},
			wantErr: "truncated",
			wantTop: "a",
		},
		{
			name:    "tag name over MaxNameBytes",
			doc:     "<a><" + strings.Repeat("n", MaxNameBytes+1) + "/></a>",
			want:    []string{"<a[]>"},
			wantErr: "longer than 256 bytes",
		},
		{
			name:    "nesting over MaxDepth",
			doc:     strings.Repeat("<a>", MaxDepth+1),
			want:    strings.Fields(strings.Repeat("<a[]> ", MaxDepth)),
			wantErr: "nested deeper than 64",
		},
		{name: "only white space", doc: " \n\t"},
		{name: "not XML", doc: "hello world"},
		{
			name:    "mismatched end tag",
			doc:     "<a><b></a></b>",
			want:    []string{"<a[]>", "<b[]>"},
			wantErr: "end tag </a> does not match <b>",
		},
		{
			name:    "end tag with another prefix",
			doc:     "<x:a></y:a>",
			want:    []string{"<x:a[]>"},
			wantErr: "end tag </y:a> does not match <x:a>",
		},
		{
			name:    "end tag without a start tag",
			doc:     "<a/></a>",
			want:    []string{"<a[]/>"},
			wantErr: "end tag </a> without a start tag",
		},
		{
			name:    "empty end tag",
			doc:     "<a></>",
			want:    []string{"<a[]>"},
			wantErr: "end tag </> does not match <a>",
		},
		{name: "tag without a name", doc: "< a>", wantErr: "tag without a name"},
		{
			name:    "long name clipped in the error",
			doc:     "<a></" + strings.Repeat("x", 100) + ">",
			want:    []string{"<a[]>"},
			wantErr: "end tag </" + strings.Repeat("x", 40) + "> does not match <a>",
		},
		{
			name:    "truncated inside an element",
			doc:     "<a><b>12",
			want:    []string{"<a[]>", "<b[]>12"},
			wantErr: "truncated",
			wantTop: "b",
		},
		{
			name:    "truncated after a closed element",
			doc:     "<a><b></b>",
			want:    []string{"<a[]>", "<b[]>", "</b>"},
			wantErr: "truncated",
			wantTop: "a",
		},
		{
			name:    "truncated inside a tag",
			doc:     "<a><b x='1",
			want:    []string{"<a[]>"},
			wantErr: "truncated",
			wantTop: "a",
		},
		{
			name:    "truncated inside a comment",
			doc:     "<a><!-- x > y",
			want:    []string{"<a[]>"},
			wantErr: "truncated",
			wantTop: "a",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, toks, err := scanAll(tt.doc)
			if strings.Join(toks, " ") != strings.Join(tt.want, " ") {
				t.Errorf("tokens\n got %q\nwant %q", toks, tt.want)
			}
			switch tt.wantErr {
			case "":
				if err != io.EOF {
					t.Errorf("err = %v, want io.EOF", err)
				}
			case "truncated":
				if !errors.Is(err, ErrTruncated) {
					t.Errorf("err = %v, want ErrTruncated", err)
				}
				if string(s.Top()) != tt.wantTop {
					t.Errorf("Top() = %q, want %q", s.Top(), tt.wantTop)
				}
			default:
				if err == nil || err == io.EOF || errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want one saying %q", err, tt.wantErr)
				}
			}
		})
	}
}

// TestScannerState checks Local, Depth, Top and Elements along a document.
func TestScannerState(t *testing.T) {
	s := new(Scanner).Init([]byte(`<g:gpx><trk><g:trkpt lat="1"/><ele>3</ele></trk></g:gpx>`))
	want := []string{
		"gpx depth=1 top=g:gpx elements=1",
		"trk depth=2 top=trk elements=2",
		"trkpt depth=2 top=trk elements=3", // self-closing: not pushed
		"ele depth=3 top=ele elements=4",
		"ele depth=2 top=trk elements=4",
		"trk depth=1 top=g:gpx elements=4",
		"gpx depth=0 top= elements=4",
	}
	for i, w := range want {
		if err := s.Next(); err != nil {
			t.Fatalf("token %d: %v", i, err)
		}
		got := fmt.Sprintf("%s depth=%d top=%s elements=%d", s.Local(), s.Depth(), s.Top(), s.Elements())
		if got != w {
			t.Errorf("token %d: got %q, want %q", i, got, w)
		}
	}
	if err := s.Next(); err != io.EOF {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
}

func TestNextAttr(t *testing.T) {
	tests := []struct {
		attrs string
		want  []string // key=value
	}{
		{``, nil},
		{` `, nil},
		{` lat="46.5" lon='13.25'`, []string{"lat=46.5", "lon=13.25"}},
		{"\tlat='1'\n\tlon=\"2\"\r\n", []string{"lat=1", "lon=2"}},
		{` a = "1"  b= '2' `, []string{"a=1", "b=2"}},
		{` x='say "hi"' y="it's"`, []string{`x=say "hi"`, "y=it's"}},
		{` empty="" next='n'`, []string{"empty=", "next=n"}},
		{` xmlns:gpxtpx="http://x/y" g:lat="1"`, []string{"xmlns:gpxtpx=http://x/y", "g:lat=1"}},
		{` v="a &amp; b"`, []string{"v=a &amp; b"}}, // raw: Str resolves entities
		// Malformed: reading stops at the first attribute it cannot parse.
		{` a="1" b=2 c="3"`, []string{"a=1"}},
		{` a="1" b`, []string{"a=1"}},
		{` a="1" ="2"`, []string{"a=1"}},
		{` a="1`, nil},
		{` a='1"`, nil},
	}
	for _, tt := range tests {
		var got []string
		for i := 0; ; {
			k, v, ok := NextAttr([]byte(tt.attrs), &i)
			if !ok {
				if i != len(tt.attrs) {
					t.Errorf("%q: stopped at %d, not at the end", tt.attrs, i)
				}
				break
			}
			got = append(got, string(k)+"="+string(v))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.attrs, got, tt.want)
		}
	}
}

func TestAttr(t *testing.T) {
	s := new(Scanner).Init([]byte("<trkpt\txmlns:g='u'\n g:lat=\"46.5\" lon='13.25' Sport=\"Running\"/>"))
	if err := s.Next(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		local, want string
		ok          bool
	}{
		{"lat", "46.5", true}, // matched on the local name
		{"lon", "13.25", true},
		{"Sport", "Running", true},
		{"sport", "", false}, // names are case-sensitive
		{"ele", "", false},
	} {
		v, ok := s.Attr(tt.local)
		if string(v) != tt.want || ok != tt.ok {
			t.Errorf("Attr(%q) = %q, %v; want %q, %v", tt.local, v, ok, tt.want, tt.ok)
		}
	}
}

func TestStr(t *testing.T) {
	var s Scanner
	s.Init([]byte("<a/>"))
	tests := []struct{ in, want string }{
		{"  plain \n", "plain"},
		{"Run &lt;1&gt; &amp; &quot;2&quot; &apos;3&apos;", `Run <1> & "2" '3'`},
		{"&#65;&#x42;&#X43;&#233;", "ABCé"},
		{"T&#xE9;st &amp;amp;", "Tést &amp;"},
		// Kept as written: unknown entities, a lone '&', malformed or
		// out-of-range character references.
		{"a &nbsp; b", "a &nbsp; b"},
		{"fish & chips", "fish & chips"},
		{"&#xZZ; &#; &#x; &#12a;", "&#xZZ; &#; &#x; &#12a;"},
		{"&#1114112; &#xD800;", "&#1114112; &#xD800;"},
		{"&verylongentityname;", "&verylongentityname;"},
		{"tail &", "tail &"},
		// Invalid UTF-8 is replaced.
		{"Caf\xe9", "Caf\uFFFD"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := s.Str([]byte(tt.in)); got != tt.want {
			t.Errorf("Str(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStrLatin1 checks that the encoding named by the XML declaration
// decides how Str reads bytes above 0x7F.
func TestStrLatin1(t *testing.T) {
	tests := []struct {
		head string
		want string
	}{
		{`<?xml version="1.0" encoding="ISO-8859-1"?>`, "Café &"},
		{`<?xml version='1.0' encoding='windows-1252'?>`, "Café &"},
		{`<?xml version="1.0" encoding = "Latin1" ?>`, "Café &"},
		{"\ufeff<?xml version='1.0' encoding='cp1252'?>", "Café &"},
		{`<?xml version="1.0" encoding="UTF-8"?>`, "Caf\uFFFD &"},
		{`<?xml version="1.0"?>`, "Caf\uFFFD &"},
		{"", "Caf\uFFFD &"},
		// Only the declaration counts, not a later processing instruction.
		{`<r/><?xml encoding="ISO-8859-1"?>`, "Caf\uFFFD &"},
	}
	for _, tt := range tests {
		s := new(Scanner).Init([]byte(tt.head + "<a>Caf\xe9 &amp;</a>"))
		for string(s.Local()) != "a" {
			if err := s.Next(); err != nil {
				t.Fatalf("%q: %v", tt.head, err)
			}
		}
		if got := s.Str(s.Text()); got != tt.want {
			t.Errorf("%q: Str = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestTrimSpaceAndClip(t *testing.T) {
	if got := TrimSpace([]byte("\t\r\n x y \n")); string(got) != "x y" {
		t.Errorf("TrimSpace = %q", got)
	}
	if got := TrimSpace([]byte(" \n")); len(got) != 0 {
		t.Errorf("TrimSpace of white space = %q", got)
	}
	if got := Clip([]byte(strings.Repeat("é", 30))); got != strings.Repeat("é", 20) {
		t.Errorf("Clip = %q", got)
	}
	if got := Clip([]byte(strings.Repeat("a", 39) + "é")); got != strings.Repeat("a", 39)+"?" {
		t.Errorf("Clip cutting a rune = %q", got)
	}
}

// TestLongTokensLinear reads documents whose single token (a name's text,
// an attribute value, a comment, a CDATA section) is most of the file, at
// 1, 4 and 16 MB, and requires every token right and almost no memory
// allocated: the Scanner reads the document where it lies. (A tokenizer
// that grows a buffer by a fixed step, as xmltokenizer does by 16 KiB,
// copies its buffer again at each step: for one 16 MB token, 8 GB.)
// Time is measured by BenchmarkLongToken, not here.
func TestLongTokensLinear(t *testing.T) {
	for _, size := range []int{1 << 20, 4 << 20, 16 << 20} {
		big := strings.Repeat("x", size)
		docs := []struct{ what, doc, want string }{
			{"text", "<a><name>" + big + "</name></a>", "<a[]> <name[]>" + big + " </name> </a>"},
			{"attribute", `<a><b v="` + big + `"/></a>`, `<a[]> <b[ v="` + big + `"]/> </a>`},
			{"comment", "<a><!--" + big + "--><b/></a>", "<a[]> <b[]/> </a>"},
			{"CDATA", "<a><![CDATA[" + big + "]]></a>", "<a[]>" + big + " </a>"},
		}
		for _, d := range docs {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, toks, err := scanAll(d.doc)
			runtime.ReadMemStats(&after)
			if err != io.EOF {
				t.Fatalf("%s, %d MB: %v", d.what, size>>20, err)
			}
			if got := strings.Join(toks, " "); got != d.want {
				t.Errorf("%s, %d MB: tokens differ (%d bytes, want %d)", d.what, size>>20, len(got), len(d.want))
			}
			// scanAll itself renders each token into a string: allow it
			// two copies of the document.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(3*len(d.doc))+1<<20 {
				t.Errorf("%s, %d MB: %d MB allocated", d.what, size>>20, alloc>>20)
			}
		}
	}
}

// TestStrMaxText checks that Str returns at most MaxTextBytes, cut before
// a character it would split.
func TestStrMaxText(t *testing.T) {
	var s Scanner
	s.Init(nil)
	long := strings.Repeat("a", MaxTextBytes-1) + "é" + strings.Repeat("b", 100)
	got := s.Str([]byte(long))
	if got != strings.Repeat("a", MaxTextBytes-1) {
		t.Errorf("Str kept %d bytes, ending %q", len(got), got[len(got)-3:])
	}
}
