// Package marks defines, once, the marks Upskill shows beside lessons,
// modules, answers and badges, in the terminal UI and in the text output
// of the progress command. Every mark is a shape as well as any colour it
// is given, so that it reads in monochrome and to colour-blind learners.
package marks

// Marks for a lesson's or a module's status.
const (
	// Done marks a completed lesson or module.
	Done = "✓"
	// InProgress marks a lesson or module that is started but not
	// complete.
	InProgress = "◐"
	// NotStarted marks a lesson or module not yet opened.
	NotStarted = "○"
)

// Marks for an answer.
const (
	// Correct marks a right answer; it is the same shape as Done.
	Correct = Done
	// Wrong marks a wrong answer.
	Wrong = "✗"
	// Partly marks a partly right answer; it is the same shape as
	// InProgress.
	Partly = InProgress
)

// Marks for a badge.
const (
	// Earned marks a badge the learner has been awarded.
	Earned = "★"
	// Locked marks a badge not yet earned.
	Locked = "☆"
)

// Marks for the terminal UI's menus.
const (
	// Cursor points at the focused row.
	Cursor = "›"
	// Continue marks the row that carries on where the learner left off.
	Continue = "▶"
	// Review marks review cards.
	Review = "↻"
)
