// Package atomicfile writes a file so that it is either wholly there or
// not changed: into a temporary file beside it, synced, then renamed over
// it. Backups and exports are written this way, so that a failure or a
// crash half-way leaves no partial file and never spoils an earlier one.
package atomicfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// Temp creates a new, empty temporary file in dst's folder, named after
// dst, and returns its name; Commit or os.Remove it.
func Temp(dst string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// Commit makes the file tmp durable and renames it to dst, durably.
func Commit(tmp, dst string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync() // not every system syncs a folder: best effort
		d.Close()
	}
	return nil
}

// Write writes the file dst through write (buffered): all of it, or, when
// write or the writing fails, nothing (dst is left as it was).
func Write(dst string, write func(w io.Writer) error) (err error) {
	tmp, err := Temp(dst)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	f, err := os.OpenFile(tmp, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = write(bw); err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return Commit(tmp, dst)
}
