package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchSettle is how long a new file must stay unchanged before Watch
// imports it, so that a file still being copied or synced is not read half
// written.
const WatchSettle = 1500 * time.Millisecond

// Watch imports everything already in dir, then keeps watching it (and
// folders created inside it) and imports each new or changed file once it
// has settled. It calls report after each import and returns when ctx is
// done (with ctx's error) or the watcher fails.
func (im *Importer) Watch(ctx context.Context, dir string, report func(*Report)) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, unwrapPathError(err))
	}
	if !fi.IsDir() {
		return fmt.Errorf("watch %s: not a folder", dir)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := addTree(w, dir); err != nil {
		return err
	}
	rep, err := im.Import(ctx, []string{dir})
	if err != nil {
		return err
	}
	report(rep)

	pending := map[string]time.Time{}
	tick := time.NewTicker(WatchSettle / 3)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return fmt.Errorf("watch %s: %w", dir, err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") || !ev.Has(fsnotify.Create|fsnotify.Write|fsnotify.Rename) {
				continue
			}
			if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
				_ = addTree(w, ev.Name)
				pending[ev.Name] = time.Now()
				continue
			}
			pending[ev.Name] = time.Now()
		case now := <-tick.C:
			var ready []string
			for p, t := range pending {
				if now.Sub(t) >= WatchSettle {
					ready = append(ready, p)
					delete(pending, p)
				}
			}
			ready = existing(ready)
			if len(ready) == 0 {
				continue
			}
			sort.Strings(ready)
			rep, err := im.Import(ctx, ready)
			if err != nil {
				return err
			}
			report(rep)
		}
	}
}

func existing(paths []string) []string {
	out := paths[:0]
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if err := w.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
}
