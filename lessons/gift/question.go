package gift

// Question is one question read from a GIFT file. Which fields are set
// depends on Kind; the others are left at their zero values.
type Question struct {
	// Line is the 1-based line the question starts on, after any comment
	// lines in front of it.
	Line int
	// Category is the path set by the last "$CATEGORY:" before the
	// question, as Moodle 3.5+ stores it: "top" first and any "$course$"
	// (or other "$context$") removed, e.g. "top/Digital Skills/Cyber
	// Security". A "/" inside one category name is written "//", as in
	// GIFT. It is "" before the first "$CATEGORY:".
	Category string
	// Name comes from "::Name::", unescaped; "" if the question has none.
	Name string
	// IDNumber comes from the first "[id:…]" in the question's comments.
	IDNumber string
	// Tags come from the "[tag:…]" entries in the question's comments.
	Tags []string
	// Text is the question text, unescaped and without its format prefix.
	// In a missing-word question the answer block is replaced by "_____".
	Text string
	// Kind says what type of question this is.
	Kind Kind
	// MissingWord is set when text follows the answer block.
	MissingWord bool
	// Single is set, for MultipleChoice, when an answer is marked "=": the
	// learner picks one answer. Otherwise the learner may pick several.
	Single bool
	// TrueFalse is the right answer of a TrueFalse question. (It and
	// TextFormat sit with the other flags, which keeps Question small.)
	TrueFalse bool
	// TextFormat is the format prefix of the text, or FormatNone if it
	// has none.
	TextFormat Format
	// Answers holds the answers of MultipleChoice and ShortAnswer
	// questions, in file order. A short answer may hold "*", Moodle's
	// wildcard for any run of characters ("*" alone accepts anything);
	// it is kept as written, for the caller to handle.
	Answers []Answer
	// FeedbackWrong and FeedbackRight belong to TrueFalse questions: in
	// "{FALSE#fb1#fb2}", fb1 is shown when the learner answers wrongly
	// and fb2 when rightly, as in Moodle.
	FeedbackWrong, FeedbackRight string
	// Numbers holds the answers of a Numerical question, in file order.
	Numbers []NumberAnswer
	// Pairs holds the pairs of a Matching question, in file order. A pair
	// with an empty Question is a distractor: an extra wrong answer.
	Pairs []Pair
	// GeneralFeedback is the text after the last "####" in the answer
	// block, shown whatever the learner answered.
	GeneralFeedback string
}

// Answer is one answer of a multiple-choice or short-answer question.
type Answer struct {
	// Text is the answer, unescaped and without its format prefix.
	Text string
	// Fraction is the share of the mark the answer earns, from -1 to 1:
	// "=" without a weight is 1, "~" without a weight is 0 and "%50%" is
	// 0.5.
	Fraction float64
	// Feedback is shown to a learner who gives this answer.
	Feedback string
	// Format is the answer's format prefix, or the question's when the
	// answer has none.
	Format Format
}

// NumberAnswer is one answer of a numerical question: any number within
// Tolerance of Value earns Fraction of the mark.
type NumberAnswer struct {
	// Value and Tolerance: "37:0.5" is 37 ± 0.5 and "1..5" is 3 ± 2.
	Value, Tolerance float64
	// Fraction is the share of the mark the answer earns, from -1 to 1.
	Fraction float64
	// Feedback is shown to a learner whose answer matches this one.
	Feedback string
	// Any marks the catch-all "~#feedback" at the end of the block
	// (Moodle's answer "*"): it matches every number that no other answer
	// matches, and earns nothing.
	Any bool
}

// Pair is one pair of a matching question.
type Pair struct {
	// Question is what the learner matches; "" for a distractor.
	Question string
	// Answer is what it matches to.
	Answer string
}
