// Package reportgen makes a council-sized progress file for the training
// report's tests and benchmarks: learners in teams with years of quiz
// attempts, written through the store's real write path
// ([progress.Store.Bulk], a few hundred learners a transaction). The
// answers follow a simple item-response model, so question statistics
// come out as they would with real staff: most questions fair, some too
// hard, and a few that strong learners get wrong.
package reportgen

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/packgen"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Version changes whenever the generator would write a different file,
// so cached files from an older generator are not reused.
const Version = 4

// PackID is the id of the generated pack; its first module, m0, is the
// one every learner redoes each year.
const PackID = "council"

// Size is what to generate.
type Size struct {
	Learners  int
	Teams     int
	Lessons   int // in modules of ten
	Questions int // asked over all lessons, at most 10 a lesson
	Years     int // of activity, ending at End
}

// Council is the size the issue asks reports to be fast at.
var Council = Size{Learners: 5000, Teams: 50, Lessons: 40, Questions: 250, Years: 2}

// Small is a size for tests that look at every figure.
var Small = Size{Learners: 24, Teams: 3, Lessons: 20, Questions: 60, Years: 2}

// End is the last moment of generated activity: reports are run as of
// it.
var End = time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)

// TeamName is the name of team i (from 0).
func TeamName(i int) string { return fmt.Sprintf("Team %02d", i+1) }

// perBulk is how many learners share one write transaction.
const perBulk = 250

// WritePack writes the generated pack's folder into dir and loads it. Its
// first module is required of every role every 12 months, and its second
// of managers once.
func WritePack(dir string, size Size) (*lessons.Pack, string, error) {
	root, err := packgen.WritePack(dir, PackID, "Council training", size.Lessons)
	if err != nil {
		return nil, "", err
	}
	if err := MarkRequired(root, "m0", "      renew_months: 12\n"); err != nil {
		return nil, "", err
	}
	if err := MarkRequired(root, "m1", "      roles: [manager]\n"); err != nil {
		return nil, "", err
	}
	pack, err := lessons.Load(os.DirFS(root))
	if err != nil {
		return nil, "", fmt.Errorf("load generated pack: %w", err)
	}
	return pack, root, nil
}

// MarkRequired makes module (m0, m1, ...) of the packgen pack at root
// required, with fields (YAML lines under required:, indented six
// spaces).
func MarkRequired(root, module, fields string) error {
	path := filepath.Join(root, "pack.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("mark %s required: %w", module, err)
	}
	head := fmt.Sprintf("  - id: %s\n    title: Module %s\n    summary: Generated.\n", module, strings.TrimPrefix(module, "m"))
	if !strings.Contains(string(data), head) {
		return fmt.Errorf("mark %s required: no such module in %s", module, path)
	}
	out := strings.Replace(string(data), head, head+"    required:\n"+fields, 1)
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		return fmt.Errorf("mark %s required: %w", module, err)
	}
	return nil
}

// Generate writes size's learners and their activity into a new progress
// file at path, for pack (from WritePack with the same size). The same
// size always gives the same file contents.
func Generate(path string, pack *lessons.Pack, size Size) error {
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		return err
	}
	defer store.Close()
	plan := newPlan(pack, size)
	for first := 0; first < size.Learners; first += perBulk {
		err := store.Bulk(func(b *progress.Bulk) error {
			for i := first; i < min(first+perBulk, size.Learners); i++ {
				if err := plan.learner(b, i); err != nil {
					return fmt.Errorf("learner %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("generate %s: %w", path, err)
		}
	}
	return store.Close()
}

// Cached returns a generated file of size and its pack folder, made once
// under dir (os.UserCacheDir's upskill folder when dir is empty) and kept
// there by generator version and size, so benchmarks do not regenerate it
// on every run.
func Cached(dir string, size Size) (dbPath, packDir string, err error) {
	if dir == "" {
		if dir, err = os.UserCacheDir(); err != nil {
			return "", "", fmt.Errorf("report test file: %w", err)
		}
		dir = filepath.Join(dir, "upskill")
	}
	folder := filepath.Join(dir, fmt.Sprintf("reportgen-v%d-%d-%d-%d-%d-%d", Version, size.Learners, size.Teams, size.Lessons, size.Questions, size.Years))
	dbPath, packDir = filepath.Join(folder, "upskill.db"), filepath.Join(folder, PackID)
	if _, err := os.Stat(dbPath); err == nil {
		return dbPath, packDir, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", "", fmt.Errorf("report test file: %w", err)
	}
	tmp := folder + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return "", "", fmt.Errorf("report test file: %w", err)
	}
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return "", "", fmt.Errorf("report test file: %w", err)
	}
	pack, _, err := WritePack(tmp, size)
	if err != nil {
		return "", "", err
	}
	if err := Generate(filepath.Join(tmp, "upskill.db"), pack, size); err != nil {
		return "", "", err
	}
	if err := os.Rename(tmp, folder); err != nil {
		return "", "", fmt.Errorf("report test file: %w", err)
	}
	return dbPath, packDir, nil
}

// plan is the fixed world the learners live in.
type plan struct {
	pack     *lessons.Pack
	size     Size
	lessons  []*lessons.Lesson
	asked    [][]string  // question ids each lesson's quiz asks
	diff     [][]float64 // each question's difficulty
	reversed [][]bool    // questions strong learners get wrong
}

func newPlan(pack *lessons.Pack, size Size) *plan {
	p := &plan{pack: pack, size: size}
	for i := range pack.Modules {
		p.lessons = append(p.lessons, pack.LessonsOf(&pack.Modules[i])...)
	}
	n := len(p.lessons)
	rng := rand.New(rand.NewPCG(1, 2))
	for i, l := range p.lessons {
		count := min(size.Questions/n+boolInt(i < size.Questions%n), len(l.Quiz.Questions))
		var ids []string
		var diffs []float64
		var rev []bool
		for j := range count {
			ids = append(ids, l.Quiz.Questions[j].ID)
			d := rng.NormFloat64() - 2 // most questions fair
			seq := i*10 + j
			if seq%23 == 7 {
				d = 2.5 // too hard
			}
			diffs = append(diffs, d)
			rev = append(rev, seq%37 == 11)
		}
		p.asked, p.diff, p.reversed = append(p.asked, ids), append(p.diff, diffs), append(p.reversed, rev)
	}
	return p
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// learner writes learner i: profile, team, and their years of activity.
func (p *plan) learner(b *progress.Bulk, i int) error {
	rng := rand.New(rand.NewPCG(uint64(i)+10, 3))
	year := 365 * 24 * time.Hour
	// Most joined before the period; one in twenty is a new starter.
	joined := End.Add(-time.Duration(p.size.Years+1) * year).Add(time.Duration(rng.Int64N(int64(year))))
	if i%20 == 3 {
		joined = End.Add(-time.Duration(rng.IntN(60)+1) * 24 * time.Hour)
	}
	role := "staff"
	switch {
	case i%(p.size.Learners/p.size.Teams+1) == 0:
		role = "manager"
	case i%10 == 5:
		role = "graduate"
	}
	prof, err := b.CreateProfile(fmt.Sprintf("Learner %04d", i+1), role, joined)
	if err != nil {
		return err
	}
	if err := b.SetTeam(prof.ID, TeamName(i%p.size.Teams)); err != nil {
		return err
	}
	if i%20 == 3 {
		return nil // a new starter, who has done nothing yet
	}
	ability := rng.NormFloat64()
	for y := range p.size.Years {
		start := End.Add(-time.Duration(p.size.Years-y) * year)
		// The yearly module (m0, the first ten lessons), done by most.
		if rng.Float64() < 0.85 {
			at := start.Add(time.Duration(rng.Int64N(int64(year - 30*24*time.Hour))))
			for l := 0; l < min(10, len(p.lessons)) && !at.IsZero(); l++ {
				if at, err = p.takeQuiz(b, rng, prof.ID, l, ability, at); err != nil {
					return err
				}
			}
		}
		// A few other lessons of their choosing.
		for range 3 {
			if len(p.lessons) <= 10 {
				break
			}
			l := 10 + rng.IntN(len(p.lessons)-10)
			at := start.Add(time.Duration(rng.Int64N(int64(year))))
			if _, err := p.takeQuiz(b, rng, prof.ID, l, ability, at); err != nil {
				return err
			}
		}
	}
	return nil
}

// takeQuiz takes lesson l's quiz at at, up to six times until it
// passes, and returns when it finished, or zero if it never passed or
// would be after End.
func (p *plan) takeQuiz(b *progress.Bulk, rng *rand.Rand, profile uint64, l int, ability float64, at time.Time) (time.Time, error) {
	if at.After(End) {
		return time.Time{}, nil
	}
	k := progress.LessonKey{Pack: p.pack.ID, Lesson: p.lessons[l].ID}
	pass := p.lessons[l].Quiz.PassMark
	for try := range 6 {
		a, err := b.StartAttempt(profile, k, p.asked[l], rng.Int64(), at)
		if err != nil {
			return time.Time{}, err
		}
		for j, q := range p.asked[l] {
			// A learner learns from each failed try's feedback; a
			// reversed question misleads strong learners the first time.
			logit := ability + float64(try) - p.diff[l][j]
			if p.reversed[l][j] && try == 0 {
				logit = -1.5*ability - 0.3
			}
			correct := rng.Float64() < 1/(1+math.Exp(-logit))
			ans := progress.Answer{Question: q, Correct: correct, Rating: progress.Good, At: at, Seconds: 20}
			if !correct {
				ans.Rating = progress.Again
			}
			if err := b.RecordAnswer(profile, k, a.ID, ans); err != nil {
				return time.Time{}, err
			}
			at = at.Add(20 * time.Second)
		}
		done, err := b.FinishAttempt(profile, k, a.ID, pass, at)
		if err != nil {
			return time.Time{}, err
		}
		if done.Passed {
			return at.Add(5 * time.Minute), nil
		}
		at = at.Add(10 * time.Minute)
	}
	return time.Time{}, nil
}
