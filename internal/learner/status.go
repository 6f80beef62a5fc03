package learner

import (
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/progress"
)

// Status is a lesson's or a module's status as a stable id: the value the
// progress report's JSON carries and code compares. Learners read its
// [Status.Label]; the ids never change with the wording.
type Status string

// The statuses of a lesson or a module.
const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusCompleted  Status = "completed"
)

// Statuses lists every status, from not started to completed.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusCompleted}

// StatusOf is the stable id of a status as the progress file keeps it.
func StatusOf(s progress.Status) Status {
	switch s {
	case progress.InProgress:
		return StatusInProgress
	case progress.Completed:
		return StatusCompleted
	default:
		return StatusNotStarted
	}
}

// Label is the status as learners read it.
func (s Status) Label() string {
	switch s {
	case StatusInProgress:
		return "in progress"
	case StatusCompleted:
		return "completed"
	default:
		return "not started"
	}
}

// Mark is the status's mark, chosen by its id.
func (s Status) Mark() string {
	switch s {
	case StatusInProgress:
		return marks.InProgress
	case StatusCompleted:
		return marks.Done
	default:
		return marks.NotStarted
	}
}

// QuizState is where a learner stands with a lesson's quiz, as a stable
// id.
type QuizState string

// The states of a lesson's quiz.
const (
	QuizNone      QuizState = "none"       // the lesson has no quiz
	QuizNotTaken  QuizState = "not_taken"  // no attempt finished yet
	QuizPassed    QuizState = "passed"     // the best score meets the pass mark
	QuizNotPassed QuizState = "not_passed" // finished, below the pass mark
)

// QuizStates lists every quiz state.
var QuizStates = []QuizState{QuizNone, QuizNotTaken, QuizPassed, QuizNotPassed}

// BadgeState says whether a badge is earned, as a stable id.
type BadgeState string

// The states of a badge.
const (
	BadgeEarned BadgeState = "earned"
	BadgeLocked BadgeState = "locked"
)

// BadgeStates lists every badge state.
var BadgeStates = []BadgeState{BadgeEarned, BadgeLocked}

// Mark is the badge state's mark.
func (s BadgeState) Mark() string {
	if s == BadgeEarned {
		return marks.Earned
	}
	return marks.Locked
}
