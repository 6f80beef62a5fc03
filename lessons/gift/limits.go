package gift

// Limits that keep a damaged or hostile file from exhausting memory or time.
const (
	// MaxFileBytes is the largest file Parse reads: 1 MiB, far more than
	// any real question bank.
	MaxFileBytes = 1 << 20
	// MaxAnswers is the most answers (or pairs) one question may have.
	MaxAnswers = 10000
)
