// Package xapi turns Upskill's learning events into xAPI 1.0.3
// statements for a Learning Record Store: hand-written structs encoded
// with encoding/json (no xAPI library is approved), ADL verbs, activity
// IRIs built from the council's address and the pack, lesson and
// question ids, full activity definitions in the pack's language, and
// statement ids derived from what each statement records, so the same
// record always has the same id on any machine. [Builder.Hook] is the
// progress store's outbox hook. See docs/xapi.md.
package xapi

// Statement is an xAPI 1.0.3 statement, as Upskill sends it.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Actor    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   *Context `json:"context,omitempty"`
	Timestamp string   `json:"timestamp"`
}

// LanguageMap maps BCP 47 language tags to text.
type LanguageMap map[string]string

// Actor is the learner: an Agent identified by an account, never by an
// email address.
type Actor struct {
	ObjectType string  `json:"objectType"` // "Agent"
	Account    Account `json:"account"`
}

// Account names a learner in a system: the council's address and the
// learner's stable id.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is what the learner did.
type Verb struct {
	ID      string      `json:"id"`
	Display LanguageMap `json:"display"`
}

// Activity is what the learner did it to.
type Activity struct {
	ObjectType string      `json:"objectType"` // "Activity"
	ID         string      `json:"id"`
	Definition *Definition `json:"definition,omitempty"`
}

// Definition describes an activity; the interaction fields are set for
// questions.
type Definition struct {
	Name                    LanguageMap    `json:"name"`
	Description             LanguageMap    `json:"description,omitempty"`
	Type                    string         `json:"type"`
	InteractionType         string         `json:"interactionType,omitempty"`
	CorrectResponsesPattern []string       `json:"correctResponsesPattern,omitempty"`
	Choices                 []Component    `json:"choices,omitempty"`
	Source                  []Component    `json:"source,omitempty"`
	Target                  []Component    `json:"target,omitempty"`
	Steps                   []Component    `json:"steps,omitempty"`
	Extensions              map[string]any `json:"extensions,omitempty"`
}

// Component is one choice, source, target or step of an interaction.
type Component struct {
	ID          string      `json:"id"`
	Description LanguageMap `json:"description"`
}

// Result is the outcome of an answer, a quiz or a review.
type Result struct {
	Score      *Score         `json:"score,omitempty"`
	Success    *bool          `json:"success,omitempty"`
	Completion *bool          `json:"completion,omitempty"`
	Response   *string        `json:"response,omitempty"`
	Duration   string         `json:"duration,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Score is a result's score; Scaled is from -1 to 1 (Upskill's from 0).
type Score struct {
	Scaled float64  `json:"scaled"`
	Raw    *float64 `json:"raw,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
}

// Context says where the statement comes from: the platform, the pack
// and its version, and the language.
type Context struct {
	Registration      string             `json:"registration,omitempty"`
	Revision          string             `json:"revision,omitempty"`
	Platform          string             `json:"platform"`
	Language          string             `json:"language,omitempty"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
	Extensions        map[string]any     `json:"extensions,omitempty"`
}

// ContextActivities relate the statement's activity to others: its
// parent (a question's quiz, a quiz's lesson) and grouping (the pack).
type ContextActivities struct {
	Parent   []Activity `json:"parent,omitempty"`
	Grouping []Activity `json:"grouping,omitempty"`
}
