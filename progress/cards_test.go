package progress

import (
	"errors"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// TestScheduleMatchesPolicy: the store keeps the schedule its policy
// (here go-fsrs with its default parameters) gives for a sequence of
// ratings, step by step, for several known sequences.
func TestScheduleMatchesPolicy(t *testing.T) {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	f := fsrs.NewFSRS(fsrs.DefaultParam())
	sequences := [][]Rating{
		{Good, Good, Good, Good},
		{Again, Good, Good, Easy},
		{Easy, Again, Hard, Good, Good},
		{Hard, Hard, Again, Again, Good},
	}
	for _, seq := range sequences {
		s := newStore(t)
		p := mustProfile(t, s, "Ada")
		k := LessonKey{Pack: "pack", Lesson: "one"}
		want := fsrs.NewCard()
		at := start
		for i, r := range seq {
			a := mustStart(t, s, p.ID, k, []string{"q"}, at)
			if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q", Rating: r, Correct: r >= Good, At: at})); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FinishAttempt(p.ID, k, a.ID, 50, at); err != nil {
				t.Fatal(err)
			}
			want = f.Next(want, at, fsrs.Rating(r)).Card
			got, err := s.Card(p.ID, CardKey{"pack", "one", "q"})
			if err != nil {
				t.Fatal(err)
			}
			if !got.Due.Equal(want.Due) || got.Stability != want.Stability || got.Difficulty != want.Difficulty ||
				got.Reps != int(want.Reps) || got.Lapses != int(want.Lapses) || got.State != CardState(want.State) || got.LastRating != r {
				t.Fatalf("%v step %d: card %+v, go-fsrs %+v", seq, i, got, want)
			}
			// Answer again when the card falls due.
			at = want.Due
		}
	}
}

// answerAt records one answer to question q of lesson k in a new attempt.
func answerAt(t *testing.T, s *Store, p uint64, k LessonKey, q string, correct bool, at time.Time) {
	t.Helper()
	a := mustStart(t, s, p, k, []string{q}, at)
	if err := s.RecordAnswer(p, k, a.ID, rated(Answer{Question: q, Correct: correct, At: at})); err != nil {
		t.Fatal(err)
	}
}

func TestDueCardsMistakesFirst(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	k1, k2 := LessonKey{"a", "one"}, LessonKey{"b", "two"}
	answerAt(t, s, p.ID, k1, "right-early", true, day)
	answerAt(t, s, p.ID, k2, "wrong-late", false, day.Add(time.Hour))
	answerAt(t, s, p.ID, k1, "right-late", true, day.Add(2*time.Hour))
	answerAt(t, s, p.ID, k2, "wrong-early", false, day.Add(-time.Hour))

	if due, err := s.DueCards(p.ID, day.Add(-2*time.Hour), 0); err != nil || len(due) != 0 {
		t.Errorf("due before any card is: %v %v", due, err)
	}
	now := day.AddDate(0, 0, 1)
	due, err := s.DueCards(p.ID, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range due {
		got = append(got, d.Key.Question)
		if d.Due.After(now) {
			t.Errorf("%s is due %v, after now", d.Key, d.Due)
		}
	}
	want := []string{"wrong-early", "wrong-late", "right-early", "right-late"}
	if len(got) != len(want) {
		t.Fatalf("due %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("due %v, want %v (mistakes first, then oldest due)", got, want)
		}
	}
	if due, _ := s.DueCards(p.ID, now, 3); len(due) != 3 || due[2].Key.Question != "right-early" {
		t.Errorf("limit 3: %v", due)
	}
	counts, err := s.CountDue(p.ID, nil, day.Add(-2*time.Hour), day.Add(30*time.Minute), now)
	if err != nil || counts[0] != 0 || counts[2] != 4 || counts[1] < 1 || counts[1] > 3 {
		t.Errorf("CountDue = %v %v", counts, err)
	}

	// A card whose question left its pack is retired: never due again,
	// history kept.
	gone := CardKey{"b", "two", "wrong-late"}
	if err := s.RetireCards(p.ID, []CardKey{gone, {"b", "two", "never-answered"}}); err != nil {
		t.Fatal(err)
	}
	due, _ = s.DueCards(p.ID, now, 0)
	for _, d := range due {
		if d.Key == gone {
			t.Error("a retired card is still due")
		}
	}
	if c, err := s.Card(p.ID, gone); err != nil || !c.Retired || c.Reps != 1 {
		t.Errorf("retired card %+v %v", c, err)
	}
	if _, err := s.Card(p.ID, CardKey{"b", "two", "never-answered"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("retiring an unknown card made one: %v", err)
	}
	// Answering it again brings it back.
	answerAt(t, s, p.ID, LessonKey{"b", "two"}, "wrong-late", true, now)
	if c, _ := s.Card(p.ID, gone); c.Retired || c.Reps != 2 {
		t.Errorf("card answered after retiring: %+v", c)
	}
}

// TestAnswerAndCardAreOneTransaction: an answer that is refused leaves the
// card as it was.
func TestAnswerAndCardAreOneTransaction(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"a", "one"}
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := mustStart(t, s, p.ID, k, []string{"q"}, at)
	if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q", Correct: true, At: at})); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Card(p.ID, CardKey{"a", "one", "q"})
	if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q", At: at.Add(time.Hour)})); !errors.Is(err, ErrAlreadyAnswered) {
		t.Fatalf("second answer: %v", err)
	}
	if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q2", Rating: 9, At: at})); err == nil {
		t.Fatal("an answer with rating 9 was stored")
	}
	after, _ := s.Card(p.ID, CardKey{"a", "one", "q"})
	if after != before {
		t.Errorf("a refused answer changed the card:\n%+v\n%+v", before, after)
	}
}

func TestReviewSession(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	k := LessonKey{"a", "one"}
	var keys []CardKey
	for _, q := range []string{"q1", "q2", "q3", "q4", "q5", "q6"} {
		answerAt(t, s, p.ID, k, q, q != "q2", day)
		keys = append(keys, CardKey{"a", "one", q})
	}
	next := day.AddDate(0, 0, 1)
	if _, err := s.StartReview(p.ID, nil, 1, next); !errors.Is(err, ErrInvalid) {
		t.Errorf("a review of no cards: %v", err)
	}
	r, err := s.StartReview(p.ID, keys, 42, next)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartReview(p.ID, keys, 1, next); !errors.Is(err, ErrReviewOpen) {
		t.Errorf("a second open review: %v", err)
	}
	before, _ := s.Card(p.ID, keys[0])
	for i, key := range keys[:3] {
		ans := ReviewAnswer{Card: key, Correct: i != 1, Rating: Good, Seconds: 4, At: next.Add(time.Duration(i) * time.Minute)}
		if i == 1 {
			ans.Rating = Again
		}
		if err := s.RecordReview(p.ID, r.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordReview(p.ID, r.ID, ReviewAnswer{Card: keys[0], Rating: Good, At: next}); !errors.Is(err, ErrAlreadyAnswered) {
		t.Errorf("answering a card twice: %v", err)
	}
	if err := s.RecordReview(p.ID, r.ID, ReviewAnswer{Card: CardKey{"x", "y", "z"}, Rating: Good, At: next}); !errors.Is(err, ErrNotFound) {
		t.Errorf("answering a card not in the review: %v", err)
	}
	after, _ := s.Card(p.ID, keys[0])
	if after.Reps != before.Reps+1 || !after.Due.After(before.Due) {
		t.Errorf("the reviewed card was not rescheduled: %+v then %+v", before, after)
	}

	// Leaving and coming back: the session resumes at the fourth card.
	open, ok, err := s.OpenReview(p.ID)
	if err != nil || !ok || open.ID != r.ID || open.Next() != 3 || len(open.Answers) != 3 || open.Right() != 2 || open.Seed != 42 {
		t.Fatalf("open review %+v %v %v", open, ok, err)
	}
	for _, key := range keys[3:5] {
		if err := s.RecordReview(p.ID, r.ID, ReviewAnswer{Card: key, Correct: true, Rating: Easy, At: next.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	done, err := s.FinishReview(p.ID, r.ID, next.Add(2*time.Hour))
	if err != nil || done.Open() || len(done.Answers) != 5 {
		t.Fatalf("finished review %+v %v", done, err)
	}
	if _, ok, _ := s.OpenReview(p.ID); ok {
		t.Error("a finished review is still open")
	}
	if err := s.RecordReview(p.ID, r.ID, ReviewAnswer{Card: keys[5], Rating: Good, At: next}); !errors.Is(err, ErrReviewClosed) {
		t.Errorf("answering after finishing: %v", err)
	}
	// Five cards reviewed on the second day make it count.
	days, _ := s.Days(p.ID)
	if len(days) != 2 || days[1].Cards != 5 || !days[1].Counts || days[0].Counts {
		t.Errorf("days %+v: want the review day to count and the answers-only day not to", days)
	}
}

func TestTimeSpent(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	k := LessonKey{"a", "one"}
	for _, add := range []struct {
		what Activity
		d    time.Duration
	}{{Reading, 3 * time.Minute}, {Reading, 2 * time.Minute}, {QuizTime, 90 * time.Second}, {Reviewing, time.Minute}, {Reading, -time.Second}} {
		if err := s.AddTime(p.ID, k, add.what, add.d, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddTime(p.ID, k, "sleeping", time.Minute, at); !errors.Is(err, ErrInvalid) {
		t.Errorf("an unknown activity: %v", err)
	}
	spent, err := s.Time(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if spent.Reading[k] != 5*time.Minute || spent.Quizzes[k] != 90*time.Second || spent.Reviewing != time.Minute || spent.Total() != 7*time.Minute+30*time.Second {
		t.Errorf("time spent %+v", spent)
	}
	days, _ := s.Days(p.ID)
	if len(days) != 1 || days[0].Active != 7*time.Minute+30*time.Second || days[0].Counts {
		t.Errorf("day %+v: time alone is not a finished lesson, quiz or review", days)
	}
}

// TestDayCounts: a day counts when a lesson is completed or a quiz
// finished, on the learner's local date.
func TestDayCounts(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	london, _ := time.LoadLocation("Europe/London")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	k := LessonKey{"a", "one"}
	// 23:30 in London on 2 November is 08:30 on 3 November in Tokyo.
	at := time.Date(2026, 11, 2, 23, 30, 0, 0, london)
	a := mustStart(t, s, p.ID, k, []string{"q"}, at)
	if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q", Correct: true, At: at})); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishAttempt(p.ID, k, a.ID, 50, at); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteLesson(p.ID, LessonKey{"a", "two"}, at.In(tokyo)); err != nil {
		t.Fatal(err)
	}
	days, _ := s.Days(p.ID)
	if len(days) != 2 || days[0].Date.Format(time.DateOnly) != "2026-11-02" || days[0].Quizzes != 1 || days[0].Lessons != 1 ||
		days[1].Date.Format(time.DateOnly) != "2026-11-03" || days[1].Lessons != 1 || !days[0].Counts || !days[1].Counts {
		t.Errorf("days %+v", days)
	}
}

func TestCountDueOnlyPacksOnOffer(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	answerAt(t, s, p.ID, LessonKey{"kept", "one"}, "q1", true, day)
	answerAt(t, s, p.ID, LessonKey{"gone", "one"}, "q1", false, day)
	answerAt(t, s, p.ID, LessonKey{"kept", "two"}, "q2", false, day.Add(time.Hour))
	later := day.AddDate(0, 0, 30)
	all, _ := s.CountDue(p.ID, nil, later)
	kept, err := s.CountDue(p.ID, func(pack string) bool { return pack == "kept" }, later)
	if err != nil || all[0] != 3 || kept[0] != 2 {
		t.Errorf("due: all %v, kept %v (%v)", all, kept, err)
	}
	keys, err := s.CardKeys(p.ID)
	if err != nil || len(keys) != 3 || keys[0] != (CardKey{"gone", "one", "q1"}) {
		t.Errorf("card keys %v %v", keys, err)
	}
}
