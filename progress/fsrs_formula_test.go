package progress

import (
	"math"
	"testing"
	"time"
)

// TestScheduleFollowsFSRS5Formulas checks the store's schedules against
// numbers worked out from the FSRS-5 formulas, written here as literals,
// so that a change of parameters or of scheduling library is caught
// (TestScheduleMatchesGoFSRS only checks that the store calls go-fsrs).
//
// Source: the FSRS-5 algorithm as go-fsrs v3.3.1 implements it
// (parameters.go, scheduler.go, scheduler_basic.go), with DefaultParam():
// request retention 0.9, maximum interval 36500 days, short-term steps
// on, no fuzz, DECAY = -0.5, FACTOR = 0.9^(1/DECAY) - 1 = 19/81
// = 0.2345679..., and the 19 default weights
//
//	w0..w3   0.40255 1.18385 3.173 15.69105    initial stability per rating
//	w4 w5    7.1949 0.5345                     initial difficulty
//	w6 w7    1.4604 0.0046                     difficulty step, mean reversion
//	w8..w10  1.54575 0.1192 1.01925            stability after recall
//	w11..w14 1.9395 0.11 0.29605 2.2698        stability after a lapse
//	w15 w16  0.2315 2.9898                     hard penalty, easy bonus
//	w17 w18  0.51655 0.6621                    short-term stability
//
// The formulas (G is the rating, 1 Again .. 4 Easy; t whole days since
// the last review, floor of the hours / 24):
//
//	S0(G)   = w[G-1]
//	D0(G)   = w4 - e^(w5(G-1)) + 1, kept in [1, 10]
//	D'(D,G) = w7 D0(4) + (1-w7) (D + (10-D)(-w6 (G-3))/9)      (mean reversion, linear damping)
//	S'short = S e^(w17 (G-3+w18))                              (a review while learning)
//	R(t,S)  = (1 + FACTOR t/S)^DECAY
//	S'r(G)  = S (1 + e^w8 (11-D) S^-w9 (e^(w10(1-R)) - 1) hard bonus easy)
//	          with hard = w15 for Hard, easy = w16 for Easy, else 1
//	I(S)    = round(S/FACTOR (0.9^(1/DECAY) - 1)) = round(S), kept in [1, 36500] days
//
// A new card is due in 1, 5 or 10 minutes for Again, Hard and Good
// (learning), and in I(S0(4)) days for Easy. In learning, Good is due in
// I(S'short) days (review). In review, the intervals are made to grow
// with the rating: hard = min(I(S'r(Hard)), I(S'r(Good))),
// good = max(I(S'r(Good)), hard+1), easy = max(I(S'r(Easy)), good+1).
//
// The numbers were worked from these formulas by a separate short
// script (Python, not go-fsrs), to 15 significant digits; they are
// compared to 1e-9.
func TestScheduleFollowsFSRS5Formulas(t *testing.T) {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	type step struct {
		rating     Rating
		due        time.Duration // after the answer
		state      CardState
		reps       int
		lapses     int
		stability  float64
		difficulty float64
	}
	day := 24 * time.Hour
	sequences := []struct {
		name  string
		steps []step
	}{
		{"good, good, good, good", []step{
			// New, Good at 09:00. S0(3) = w2 = 3.173.
			// D0(3) = 7.1949 - e^(0.5345*2) + 1 = 8.1949 - 2.91246557768099 = 5.28243442231901.
			// Learning, due in 10 minutes.
			{Good, 10 * time.Minute, CardLearning, 1, 0, 3.173, 5.282434422319005},
			// Learning, Good at 09:10. S = 3.173 e^(0.51655 (0 + 0.6621)) = 3.173 * 1.40777121473754
			// = 4.46685806436222; due in I(S) = round(4.467) = 4 days.
			// D0(4) = 8.1949 - e^(0.5345*3) = 8.1949 - 4.97039841062863 = 3.22450158937137;
			// D = 0.0046*3.22450158937137 + 0.9954*5.28243442231901 (the step is 0 for Good)
			// = 5.27296793128745.
			{Good, 4 * day, CardReview, 2, 0, 4.466858064362218, 5.272967931287446},
			// Review, Good 4 days later: t = 4, R = (1 + 19/81*4/4.46685806436222)^-0.5
			// = 0.909071448293037. S'r(Good) = S (1 + e^1.54575 (11-D) S^-0.1192 (e^(1.01925*(1-R)) - 1))
			// = 4.46685806436222 * (1 + 4.69148892456398 * 5.72703206871255 * 0.836603627569040
			// * 0.0971094257597966) = 14.2172841093321; S'r(Hard) = 6.72408169377275, so hard = 7,
			// good = max(14, 8) = 14 days. D = 0.0046*3.22450158937137 + 0.9954*5.27296793128745
			// = 5.26354498611463.
			{Good, 14 * day, CardReview, 3, 0, 14.217284109332127, 5.263544986114632},
			// Review, Good 14 days later: R = (1 + 19/81*14/14.2172841093321)^-0.5 = 0.901309557355424;
			// S'r(Good) = 43.7250940622038 (Hard 21.0483421134219), so good = max(44, 22) = 44 days.
			// D = 0.0046*3.22450158937137 + 0.9954*5.26354498611463 = 5.25416538648961.
			{Good, 44 * day, CardReview, 4, 0, 43.72509406220378, 5.254165386489613},
		}},
		{"again, good, hard, easy", []step{
			// New, Again: S0(1) = w0 = 0.40255, D0(1) = 7.1949 - e^0 + 1 = 7.1949; due in 1 minute.
			{Again, time.Minute, CardLearning, 1, 0, 0.40255, 7.1949},
			// Learning, Good a minute later: S = 0.40255 * 1.40777121473754 = 0.566698302492597,
			// due in I(S) = max(round(0.567), 1) = 1 day.
			// D = 0.0046*3.22450158937137 + 0.9954*7.1949 = 7.17663616731111.
			{Good, day, CardReview, 2, 0, 0.5666983024925972, 7.176636167311107},
			// Review, Hard a day later: t = 1, R = (1 + 19/81/0.566698302492597)^-0.5 = 0.840983632059509.
			// S'r(Hard) = S (1 + e^1.54575 (11-7.17663616731111) S^-0.1192 (e^(1.01925*0.159016367940491) - 1)
			// * 0.2315) = 1.00974770014939; S'r(Good) = 2.48051859474658: hard = min(1, 2) = 1 day.
			// D = 0.0046*3.22450158937137 + 0.9954*(7.17663616731111 + (10-7.17663616731111)*1.4604/9)
			// = 7.61448675211581.
			{Hard, day, CardReview, 3, 0, 1.0097477001493937, 7.6144867521158135},
			// Review, Easy a day later: t = 1, R = (1 + 19/81/1.00974770014939)^-0.5 = 0.900826519945098.
			// S'r(Easy) (with the easy bonus 2.9898) = 6.10421762335708; hard = 1, good = max(3, 2) = 3,
			// easy = max(round(6.104), 4) = 6 days.
			// D = 0.0046*3.22450158937137 + 0.9954*(7.61448675211581 - (10-7.61448675211581)*1.4604/9)
			// = 7.20898414804576.
			{Easy, 6 * day, CardReview, 4, 0, 6.104217623357081, 7.208984148045756},
		}},
	}
	k := LessonKey{Pack: "pack", Lesson: "one"}
	for _, seq := range sequences {
		t.Run(seq.name, func(t *testing.T) {
			s := newStore(t)
			p := mustProfile(t, s, "Ada")
			at := start
			for i, want := range seq.steps {
				a := mustStart(t, s, p.ID, k, []string{"q"}, at)
				if err := s.RecordAnswer(p.ID, k, a.ID, Answer{Question: "q", Rating: want.rating, Correct: want.rating >= Good, At: at}); err != nil {
					t.Fatal(err)
				}
				got, err := s.Card(p.ID, CardKey{Pack: "pack", Lesson: "one", Question: "q"})
				if err != nil {
					t.Fatal(err)
				}
				if !got.Due.Equal(at.Add(want.due)) || got.State != want.state || got.Reps != want.reps || got.Lapses != want.lapses ||
					math.Abs(got.Stability-want.stability) > 1e-9 || math.Abs(got.Difficulty-want.difficulty) > 1e-9 || got.LastRating != want.rating {
					t.Fatalf("step %d (%v at %v):\n got due %v, state %d, reps %d, lapses %d, S %.15g, D %.15g\nwant due %v, state %d, reps %d, lapses %d, S %.15g, D %.15g",
						i+1, want.rating, at, got.Due, got.State, got.Reps, got.Lapses, got.Stability, got.Difficulty,
						at.Add(want.due), want.state, want.reps, want.lapses, want.stability, want.difficulty)
				}
				at = got.Due // answer again when it falls due
			}
		})
	}
}
