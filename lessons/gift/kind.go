package gift

import "strconv"

// Kind is the type of a question.
type Kind int

// The kinds of question GIFT can describe. The zero Kind is none of them.
const (
	// MultipleChoice: "{=right ~wrong}", or weighted "{~%50%a ~%50%b}".
	MultipleChoice Kind = iota + 1
	// TrueFalse: "{T}", "{TRUE}", "{F}" or "{FALSE}".
	TrueFalse
	// ShortAnswer: the learner types one of the answers, "{=a =b}".
	ShortAnswer
	// Matching: "{=question -> answer =question -> answer}".
	Matching
	// Numerical: "{#value:tolerance}" or "{#min..max}".
	Numerical
	// Essay: "{}", an open answer marked by hand.
	Essay
	// Description: text with no answer block, shown between questions.
	Description
)

// String returns the name Moodle shows trainers for the kind, such as
// "multiple choice" or "true/false".
func (k Kind) String() string {
	switch k {
	case MultipleChoice:
		return "multiple choice"
	case TrueFalse:
		return "true/false"
	case ShortAnswer:
		return "short answer"
	case Matching:
		return "matching"
	case Numerical:
		return "numerical"
	case Essay:
		return "essay"
	case Description:
		return "description"
	default:
		return "kind " + strconv.Itoa(int(k))
	}
}

// QType returns Moodle's internal name for the kind, as used in Moodle XML
// and its database, such as "multichoice" or "truefalse"; "" for an unknown
// kind.
func (k Kind) QType() string {
	switch k {
	case MultipleChoice:
		return "multichoice"
	case TrueFalse:
		return "truefalse"
	case ShortAnswer:
		return "shortanswer"
	case Matching:
		return "match"
	case Numerical:
		return "numerical"
	case Essay:
		return "essay"
	case Description:
		return "description"
	default:
		return ""
	}
}
