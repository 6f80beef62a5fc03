package lessons

// Limits on what a pack may hold. They keep a damaged or hostile pack from
// exhausting memory or time; docs/pack-format.md lists them for trainers.
const (
	// FormatVersion is the newest pack format this package reads.
	FormatVersion = 1

	maxManifestBytes    = 64 << 10
	maxLessonBytes      = 256 << 10
	maxFrontMatterBytes = 64 << 10
	maxLessonFiles      = 1000
	maxModules          = 100
	maxQuestions        = 100
	maxChoices          = 10
	maxNesting          = 8
	maxParagraphMarkers = 300
	maxLessonMarkers    = 4000
	maxIDLength         = 64
	maxTitleLength      = 200
	maxMinutes          = 240
	maxFileProblems     = 200 // listed per file; more are counted
)
