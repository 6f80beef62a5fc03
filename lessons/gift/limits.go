package gift

// Limits that keep a damaged or hostile file from exhausting memory or time.
const (
	// MaxFileBytes is the largest file Parse reads: 4 MiB, room for about
	// 30,000 questions.
	MaxFileBytes = 4 << 20
	// MaxQuestions is the most questions one file may hold.
	MaxQuestions = 20000
	// MaxProblems is the most problems Parse reports for one file; past
	// them it stops reading.
	MaxProblems = 100
	// MaxAnswers is the most answers (or pairs) one question may have.
	MaxAnswers = 10000
)
