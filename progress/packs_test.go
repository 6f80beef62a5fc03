package progress

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func storedPack(id, version string, files map[string]string) StoredPack {
	p := StoredPack{Info: PackInfo{ID: id, Version: version, Title: "Pack " + id, Lessons: len(files), Imported: t0},
		Parsed: []byte(`{"id":"` + id + `"}`), Files: map[string][]byte{}}
	for name, data := range files {
		p.Files[name] = []byte(data)
	}
	return p
}

func TestPutPackRoundTripAndReplace(t *testing.T) {
	s := newStore(t)
	if err := s.PutPack(storedPack("cyber", "1.0.0", map[string]string{"pack.yaml": "a", "lessons/one.md": "b", "lessons/old.md": "c"})); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPack(storedPack("alpha", "2.0.0", map[string]string{"pack.yaml": "z"})); err != nil {
		t.Fatal(err)
	}
	infos, err := s.Packs()
	if err != nil || len(infos) != 2 || infos[0].ID != "alpha" || infos[1].ID != "cyber" || !infos[1].Imported.Equal(t0) {
		t.Fatalf("Packs = %+v, %v; want alpha then cyber, by title", infos, err)
	}
	// A new version replaces the old one completely.
	if err := s.PutPack(storedPack("cyber", "1.1.0", map[string]string{"pack.yaml": "a2", "lessons/one.md": "b2"})); err != nil {
		t.Fatal(err)
	}
	info, parsed, err := s.Pack("cyber")
	if err != nil || info.Version != "1.1.0" || string(parsed) != `{"id":"cyber"}` {
		t.Errorf("Pack = %+v %s %v", info, parsed, err)
	}
	files, err := s.PackFiles("cyber")
	if err != nil || len(files) != 2 || string(files["lessons/one.md"]) != "b2" {
		t.Errorf("files after replacing: %v, %v; the old version's files must be gone", files, err)
	}
	if _, _, err := s.Pack("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown pack: %v", err)
	}
	if err := s.PutPack(StoredPack{}); err == nil {
		t.Error("a pack without an id was stored")
	}
}

func TestRemovePackKeepsOrPurgesProgress(t *testing.T) {
	for _, purge := range []bool{false, true} {
		s := newStore(t)
		p := mustProfile(t, s, "Sam")
		s.PutPack(storedPack("cyber", "1.0.0", map[string]string{"pack.yaml": "a"}))
		s.PutPack(storedPack("cyber-2", "1.0.0", map[string]string{"pack.yaml": "a"}))
		for _, pack := range []string{"cyber", "cyber-2"} {
			k := LessonKey{Pack: pack, Lesson: "intro"}
			a := mustStart(t, s, p.ID, k, []string{"q1"}, t0)
			mustAnswer(t, s, p.ID, k, a.ID, "q1", true, t0)
			mustFinish(t, s, p.ID, k, a.ID, 50, t0)
			s.AwardBadge(p.ID, pack, "done", t0)
		}
		if err := s.RemovePack("cyber", purge); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Pack("cyber"); !errors.Is(err, ErrNotFound) {
			t.Errorf("purge=%v: pack still there (%v)", purge, err)
		}
		recs, _ := s.Lessons(p.ID, "cyber")
		badges, _ := s.Badges(p.ID, "cyber")
		if kept := len(recs) == 1 && len(badges) == 1; kept == purge {
			t.Errorf("purge=%v: lessons %v badges %v", purge, recs, badges)
		}
		_, attempt, _ := s.LastAttempt(p.ID, LessonKey{Pack: "cyber", Lesson: "intro"})
		if attempt == purge {
			t.Errorf("purge=%v: last attempt found %v", purge, attempt)
		}
		// The other pack, whose id starts the same, is untouched.
		if recs, _ := s.Lessons(p.ID, "cyber-2"); len(recs) != 1 {
			t.Errorf("purge=%v: cyber-2 records %v", purge, recs)
		}
		prof, _ := s.Profile(p.ID)
		if purge && prof.Last.Pack == "cyber" {
			t.Errorf("the purged pack is still the one to continue")
		}
		if err := s.RemovePack("cyber", purge); !errors.Is(err, ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}
	}
}

// TestMigrateSchemaOneToCurrent upgrades a real schema-1 file: one without
// the packs bucket or anything later schemas added.
func TestMigrateSchemaOneToCurrent(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, s, "Ada")
	s.Close()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error { return downgrade(tx, 1) })
	s = openAt(t, path)
	if got := metaValueOpen(t, s); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema after upgrade %q, want %d", got, SchemaVersion)
	}
	if err := s.PutPack(storedPack("cyber", "1.0.0", map[string]string{"pack.yaml": "a"})); err != nil {
		t.Errorf("storing a pack after the upgrade: %v", err)
	}
	if got, err := s.Profile(p.ID); err != nil || got.Name != "Ada" {
		t.Errorf("learner after upgrade: %+v %v", got, err)
	}
	if _, err := os.Stat(path + ".schema-1.bak"); err != nil {
		t.Errorf("no backup of the schema-1 file: %v", err)
	}
}

func metaValueOpen(t *testing.T, s *Store) string {
	t.Helper()
	var v string
	s.db.View(func(tx *bolt.Tx) error {
		v = strings.TrimSpace(string(tx.Bucket(bucketMeta).Get(keySchema)))
		return nil
	})
	return v
}
