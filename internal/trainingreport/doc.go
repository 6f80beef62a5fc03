// Package trainingreport builds the report that trainers and managers
// read (`upskill report`, `ssh HOST report`): who has done their required
// training, and which quiz questions need rewriting. It writes the report
// as a table for the terminal, CSV for Excel, JSON for scripts
// (docs/training-report.schema.json) and one self-contained HTML page.
//
// # Question analysis
//
// Each question's figures come from every learner's first finished
// attempt at its lesson's quiz (as [progress.Store.FirstAttempts] reads
// them): later attempts are practice and would make every question look
// easy. Each figure follows Moodle's quiz statistics report,
// question/classes/statistics/questions/calculator.php (initial and
// secondary question walkers), with a question's mark being the points
// its answer scored (1 right, partial credit between 0 and 1, 0 wrong or
// unanswered) and the attempt's other marks being the attempt's points
// without that question:
//
//   - Answered: how many learners' first attempts asked the question
//     and got an answer to it.
//   - Facility: the mean mark over those attempts as a percentage of the
//     full mark, 100·mean(x). Without partial credit it is the share
//     right first time.
//   - Discrimination index: 100·cov(x, y)/√(var(x)·var(y)), where x is
//     the question's mark and y the other marks of the same attempt,
//     with sample (n−1) variances; Moodle's "discriminationindex". It is
//     undefined (null) when either varies not at all, or fewer than two
//     attempts asked the question.
//
// A question is flagged for the trainer when most learners get it wrong
// (facility below 50%: "most_wrong") or when learners who do well on the
// rest of the quiz do worse on it than those who do badly (a negative
// discrimination index: "strong_wrong"; Moodle's documentation calls such
// a question probably invalid). A flag needs at least [MinAnswers]
// answers, so one learner's slip flags nothing.
package trainingreport
