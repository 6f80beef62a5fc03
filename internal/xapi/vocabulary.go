package xapi

// Verbs: ADL's vocabulary, and the Open Badges xAPI recipe's for a badge.
const (
	VerbExperienced = "http://adlnet.gov/expapi/verbs/experienced"
	VerbCompleted   = "http://adlnet.gov/expapi/verbs/completed"
	VerbAnswered    = "http://adlnet.gov/expapi/verbs/answered"
	VerbPassed      = "http://adlnet.gov/expapi/verbs/passed"
	VerbFailed      = "http://adlnet.gov/expapi/verbs/failed"
	VerbAttempted   = "http://adlnet.gov/expapi/verbs/attempted"
	VerbEarned      = "http://specification.openbadges.org/xapi/verbs/earned.json"
)

// Activity types.
const (
	TypeCourse      = "http://adlnet.gov/expapi/activities/course"
	TypeLesson      = "http://adlnet.gov/expapi/activities/lesson"
	TypeAssessment  = "http://adlnet.gov/expapi/activities/assessment"
	TypeInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction"
	TypeBadge       = "http://activitystrea.ms/schema/1.0/badge"
)

// Extensions Upskill sets, as IRIs under the project's address.
const (
	extensionBase = "https://github.com/upskill-council/upskill/xapi/extensions/"
	// ExtPackVersion (context): the version of the pack.
	ExtPackVersion = extensionBase + "pack-version"
	// ExtUpskillVersion (context): the version of Upskill that made the
	// statement.
	ExtUpskillVersion = extensionBase + "upskill-version"
	// ExtCards (result of a review): the question activities reviewed,
	// each with whether it was answered rightly.
	ExtCards = extensionBase + "cards"
	// ExtUnit (question definition): the unit of a number question.
	ExtUnit = extensionBase + "unit"
	// ExtRequiredModule (result of a lesson's completed): the id of the
	// required module that this completion completes, for the learner's
	// role.
	ExtRequiredModule = extensionBase + "required-module"
	// ExtValidUntil (result of a lesson's completed): when the completion
	// of that required module expires and must be renewed (RFC 3339);
	// absent when it never expires.
	ExtValidUntil = extensionBase + "valid-until"
)

// Platform is context.platform of every statement.
const Platform = "Upskill"

// defaultLanguage is the language of a pack that does not say.
const defaultLanguage = "en-GB"

// verbDisplay is each verb's display name.
var verbDisplay = map[string]string{
	VerbExperienced: "experienced",
	VerbCompleted:   "completed",
	VerbAnswered:    "answered",
	VerbPassed:      "passed",
	VerbFailed:      "failed",
	VerbAttempted:   "attempted",
	VerbEarned:      "earned",
}

func verb(id string) Verb { return Verb{ID: id, Display: LanguageMap{"en-GB": verbDisplay[id]}} }
