package web

//go:generate go run ./internal/vendor

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
)

//go:embed static templates
var files embed.FS

// Static returns the static files (app.css, app.js, icon.svg, vendor/…).
// The server serves them under /static/; AssetPath names them with a
// content hash, so they can be cached for a year (Cache-Control: public,
// max-age=31536000, immutable).
func Static() fs.FS { return sub(files, "static") }

// Templates parses every template under templates/ with the helper
// functions (see doc.go), then extra, whose entries win over the helpers of
// the same name. The result is safe for concurrent use.
func Templates(extra template.FuncMap) (*template.Template, error) {
	return ParseTemplates(files, extra)
}

// ParseTemplates is Templates reading from fsys, which holds the folders
// templates/ and static/: os.DirFS("web") in a development mode reloads
// templates and assets without rebuilding.
func ParseTemplates(fsys fs.FS, extra template.FuncMap) (*template.Template, error) {
	assets := newAssetTable(sub(fsys, "static"))
	t := template.New("").Funcs(funcs(assets))
	// content is bound to the parsed set below; declare it for the parser.
	t.Funcs(template.FuncMap{"content": func(string, any) (template.HTML, error) { return "", nil }})
	if extra != nil {
		t.Funcs(extra)
	}
	err := fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		_, err = t.New(strings.TrimPrefix(p, "templates/")).Parse(string(b))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	t.Funcs(template.FuncMap{"content": func(name string, data any) (template.HTML, error) {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil // escaped by its own execution
	}})
	return t, nil
}

// AssetPath returns the URL of a static file with a cache-busting query,
// /static/<name>?v=<first 10 hex digits of its SHA-256>. A name that is not
// in Static() gets no version; the template function asset fails on it.
func AssetPath(name string) string {
	p, _ := embedded().path(name)
	return p
}

var embedded = sync.OnceValue(func() *assetTable { return newAssetTable(Static()) })

// assetTable hashes static files lazily, each once.
type assetTable struct {
	fsys fs.FS
	mu   sync.Mutex
	sums map[string]string
}

func newAssetTable(fsys fs.FS) *assetTable {
	return &assetTable{fsys: fsys, sums: map[string]string{}}
}

func (a *assetTable) path(name string) (string, error) {
	name = strings.TrimPrefix(name, "/")
	a.mu.Lock()
	defer a.mu.Unlock()
	sum, ok := a.sums[name]
	if !ok {
		b, err := fs.ReadFile(a.fsys, name)
		if err != nil {
			return "/static/" + name, fmt.Errorf("web: asset %q: %w", name, err)
		}
		h := sha256.Sum256(b)
		sum = hex.EncodeToString(h[:])[:10]
		a.sums[name] = sum
	}
	return "/static/" + name + "?v=" + sum, nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // only for an invalid dir name, which is a constant here
	}
	return s
}
