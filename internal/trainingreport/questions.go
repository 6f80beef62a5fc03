package trainingreport

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
)

// MinAnswers is how many answers a question needs before it is flagged.
const MinAnswers = 5

// Question flags: why a trainer should look at a question again.
const (
	FlagMostWrong   = "most_wrong"   // facility below 50%
	FlagStrongWrong = "strong_wrong" // negative discrimination index
)

// QuestionStat is one question's figures over learners' first attempts.
type QuestionStat struct {
	Pack        string `json:"pack"`
	Lesson      string `json:"lesson"`
	LessonTitle string `json:"lesson_title"`
	Question    string `json:"question"`
	// Prompt is the question as learners read it; empty when the pack
	// no longer has the question.
	Prompt string `json:"prompt"`
	// Answered is how many first attempts answered it.
	Answered int `json:"answered"`
	// Facility is the mean mark as a whole percentage (0 to 100).
	Facility int `json:"facility_percent"`
	// Discrimination is Moodle's discrimination index as a whole
	// percentage (-100 to 100); nil when it is undefined.
	Discrimination *int `json:"discrimination_index"`
	// Flags lists why a trainer should rewrite it (FlagMostWrong,
	// FlagStrongWrong); empty when nothing is wrong.
	Flags []string `json:"flags"`
}

// questionKey names a question across packs.
type questionKey struct{ pack, lesson, question string }

// marks collects one question's (x, y) pairs: its mark and the other
// marks of the same attempt.
type marks struct {
	answered int
	n        int
	sumX     float64
	sumY     float64
	sumXX    float64
	sumYY    float64
	sumXY    float64
}

func (m *marks) add(x, y float64) {
	m.n++
	m.sumX += x
	m.sumY += y
	m.sumXX += x * x
	m.sumYY += y * y
	m.sumXY += x * y
}

// facility is 100·mean(x).
func (m *marks) facility() float64 { return 100 * m.sumX / float64(m.n) }

// discrimination is 100·cov(x,y)/√(var x · var y), or false when it is
// undefined. The (n−1) of the sample variances cancels out.
func (m *marks) discrimination() (float64, bool) {
	if m.n < 2 {
		return 0, false
	}
	n := float64(m.n)
	cov := m.sumXY - m.sumX*m.sumY/n
	varX := m.sumXX - m.sumX*m.sumX/n
	varY := m.sumYY - m.sumY*m.sumY/n
	const eps = 1e-9
	if varX <= eps || varY <= eps {
		return 0, false
	}
	return 100 * cov / math.Sqrt(varX*varY), true
}

// questionMarks walks the profiles' first attempts and gathers each
// question's marks.
func questionMarks(store *progress.Store, profiles []progress.Profile) (map[questionKey]*marks, error) {
	ids := make([]uint64, len(profiles))
	for i, p := range profiles {
		ids[i] = p.ID
	}
	out := map[questionKey]*marks{}
	err := store.FirstAttempts(ids, func(_ uint64, k progress.LessonKey, a progress.AttemptMarks) error {
		total := 0.0
		for _, mk := range a.Marks {
			total += mk.Points
		}
		for _, q := range a.Questions {
			key := questionKey{k.Pack, k.Lesson, q}
			m := out[key]
			if m == nil {
				m = &marks{}
				out[key] = m
			}
			x, answered := 0.0, false
			for _, mk := range a.Marks { // a handful: a map would cost more
				if mk.Question == q {
					x, answered = mk.Points, true
					break
				}
			}
			if answered {
				m.answered++
			}
			m.add(x, total-x)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("question analysis: %w", err)
	}
	return out, nil
}

// AnalyseQuestions computes every question's figures over the first
// attempts of profiles, in pack, lesson and question order. Titles and
// prompts come from the packs in cat; a question a pack no longer has
// keeps its figures, without its prompt.
func AnalyseQuestions(cat *catalog.Catalog, profiles []progress.Profile) ([]QuestionStat, error) {
	all, err := questionMarks(cat.Store(), profiles)
	if err != nil {
		return nil, err
	}
	texts := questionTexts(cat)
	out := make([]QuestionStat, 0, len(all))
	for key, m := range all {
		s := QuestionStat{Pack: key.pack, Lesson: key.lesson, Question: key.question, Answered: m.answered,
			Facility: roundPercent(m.facility()), Flags: []string{}}
		if t, ok := texts[key]; ok {
			s.LessonTitle, s.Prompt = t.lesson, t.prompt
		} else if t, ok := texts[questionKey{key.pack, key.lesson, ""}]; ok {
			s.LessonTitle = t.lesson
		}
		if d, ok := m.discrimination(); ok {
			r := roundPercent(d)
			s.Discrimination = &r
		}
		if m.n >= MinAnswers {
			if m.facility() < 50 {
				s.Flags = append(s.Flags, FlagMostWrong)
			}
			if d, ok := m.discrimination(); ok && d < 0 {
				s.Flags = append(s.Flags, FlagStrongWrong)
			}
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b QuestionStat) int {
		return cmp.Or(cmp.Compare(a.Pack, b.Pack), cmp.Compare(a.Lesson, b.Lesson), cmp.Compare(a.Question, b.Question))
	})
	return out, nil
}

// roundPercent rounds half away from zero.
func roundPercent(v float64) int { return int(math.Round(v)) }

// texts are a lesson's title and a question's prompt.
type texts struct{ lesson, prompt string }

// questionTexts maps every question of every readable pack in cat to its
// lesson's title and prompt; the key with an empty question holds the
// lesson's title alone.
func questionTexts(cat *catalog.Catalog) map[questionKey]texts {
	out := map[questionKey]texts{}
	for _, e := range cat.Entries() {
		pack, err := cat.Load(e.ID)
		if err != nil {
			continue // its questions keep their ids
		}
		for i := range pack.Modules {
			for _, l := range pack.LessonsOf(&pack.Modules[i]) {
				out[questionKey{pack.ID, l.ID, ""}] = texts{lesson: l.Title}
				if l.Quiz == nil {
					continue
				}
				for _, q := range l.Quiz.Questions {
					out[questionKey{pack.ID, l.ID, q.ID}] = texts{lesson: l.Title, prompt: q.Prompt}
				}
			}
		}
	}
	return out
}
