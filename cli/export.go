package cli

import (
	"archive/zip"
	"context"

	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/export"
	"github.com/rebound-run/rebound/internal/atomicfile"
	"github.com/rebound-run/rebound/store"
)

// exportCmd is `rebound export`.
type exportCmd struct{ g *globals }

func (c *exportCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("export", "export [--format json|csv] FILE.zip")
	format := fs.String("format", "json", "the documents' format: json (to import again) or csv (for spreadsheets)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return err
	}
	db, err := c.g.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	st, who, err := c.g.exportAthlete(ctx, db)
	if err != nil {
		return err
	}
	file := pos[0]
	var man *export.Manifest
	err = atomicfile.Write(file, func(w io.Writer) error {
		man, err = export.Write(ctx, w, st, export.Options{Format: f, Athlete: who, Now: c.g.env.now()})
		return err
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	n := man.Counts
	fmt.Fprintf(c.g.env.Stdout, "Exported %d %s (%d samples, %d original %s), %d check-ins, %d session RPEs, %d shoes and %d checklist ticks to %s (%s).\n",
		n.Activities, plural(n.Activities, "activity", "activities"), n.Samples, n.Originals, plural(n.Originals, "file", "files"),
		n.CheckIns, n.SessionRPEs, n.Shoes, n.ChecklistTicks, file, f)
	return nil
}

// exportAthlete returns the store the command works on (--user's, or the local
// runner's) and who that is.
func (g *globals) exportAthlete(ctx context.Context, db store.Database) (store.Store, export.Athlete, error) {
	if g.user != "" {
		u, err := db.FindUserByName(ctx, g.user)
		if err != nil {
			return nil, export.Athlete{}, err
		}
		return db.ForAthlete(u.ID), export.Athlete{ID: u.ID, Name: u.Name}, nil
	}
	who := export.Athlete{ID: store.LocalAthleteID}
	if u, err := db.FindUserByID(ctx, store.LocalAthleteID); err == nil {
		who.Name = u.Name
	} else if rebound.ErrorCode(err) != rebound.ENOTFOUND {
		return nil, who, err
	}
	return db, who, nil
}

// findExport returns the Rebound export among paths, "" when there is
// none. An export must be imported on its own.
func findExport(paths []string) (string, error) {
	var found []string
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() || !strings.EqualFold(filepath.Ext(p), ".zip") && !isZip(p) {
			continue
		}
		zr, err := zip.OpenReader(p)
		if err != nil {
			continue // the importer reports it
		}
		_, err = export.ReadManifest(&zr.Reader)
		zr.Close()
		switch rebound.ErrorCode(err) {
		case "":
			found = append(found, p)
		case rebound.ENOTFOUND: // another zip: a Strava or Garmin export
		default:
			return "", rebound.Errorf(rebound.ErrorCode(err), "%s: %s", p, rebound.ErrorMessage(err))
		}
	}
	switch {
	case len(found) == 0:
		return "", nil
	case len(paths) > 1:
		return "", rebound.Errorf(rebound.EINVALID, "%s is a Rebound export: import it on its own (rebound import %s)", found[0], found[0])
	}
	return found[0], nil
}

func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	_, err = io.ReadFull(f, head[:])
	return err == nil && string(head[:]) == "PK\x03\x04"
}

// importExport imports a Rebound export into st.
func (c *importCmd) importExport(ctx context.Context, st store.Store, file string, asJSON bool) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	defer zr.Close()
	rep, err := export.Import(ctx, &zr.Reader, file, st, Decoders())
	if rep != nil {
		out := c.g.env.Stdout
		if asJSON {
			if werr := writeJSON(out, rep); werr != nil {
				return werr
			}
		} else {
			for _, f := range rep.Failed {
				fmt.Fprintf(out, "FAILED   %s\n", f.Error)
			}
			whose := "a Rebound export"
			if rep.Athlete.Name != "" {
				whose = rep.Athlete.Name + "'s Rebound export"
			}
			profile := "the profile"
			if !rep.Profile {
				profile = "no profile"
			}
			fmt.Fprintf(out, "Imported %s: %d %s (%d decoded again from their original files), %d %s already stored, "+
				"%d check-ins, %d session RPEs, %d shoes, %d checklist ticks, %s; %d already stored and kept as they were, %d failed.\n",
				whose, rep.Activities, plural(rep.Activities, "activity", "activities"), rep.FromFiles,
				rep.Duplicates, plural(rep.Duplicates, "duplicate", "duplicates"), rep.CheckIns, rep.SessionRPEs, rep.Shoes,
				rep.Ticks, profile, rep.Kept, len(rep.Failed))
		}
	}
	if err != nil {
		return err
	}
	if len(rep.Failed) > 0 {
		return &exitError{code: 1}
	}
	return nil
}
