package lessons

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/upskill-council/upskill/lessons/aiken"
	"github.com/upskill-council/upskill/lessons/gift"
)

// Question banks: a quiz may draw its questions from a Moodle GIFT file
// (.gift) or an Aiken file (.txt) in the pack, as well as from YAML.
const maxBankBytes = gift.MaxFileBytes

// bankQuestions is a parsed bank, read once however many quizzes use it.
type bankQuestions struct {
	questions []Question
	category  []string // each question's GIFT category ("" for Aiken)
	ok        bool     // the bank could be read at all
}

// addBankQuestions reads the banks the lessons name and appends their
// questions to the quizzes, after the questions written in YAML.
func addBankQuestions(fsys fs.FS, files []*lessonAt, ps *problems) {
	banks := map[string]*bankQuestions{}
	for _, at := range files {
		q := at.lesson.Quiz
		if q == nil || q.Bank == "" {
			continue
		}
		file := at.lesson.File
		name := q.Bank
		// The line is for the messages below only: a pack decoded from
		// storage has no lines, and must equal the pack loaded here.
		line := q.bankLine
		q.bankLine = 0
		if !fs.ValidPath(name) || strings.Contains(name, `\`) {
			ps.errorf(file, line, "bank %q is not a path inside the pack, such as banks/cyber.gift", name)
			continue
		}
		if missingBank(fsys, file, line, name, ps) {
			continue
		}
		b, read := banks[name]
		if !read {
			b = readBank(fsys, name, ps)
			banks[name] = b
		}
		if !b.ok {
			continue
		}
		added := 0
		ids := map[string]bool{}
		for _, existing := range q.Questions {
			ids[existing.ID] = true
		}
		for i, bq := range b.questions {
			if q.BankCategory != "" && !inCategory(b.category[i], q.BankCategory) {
				continue
			}
			if ids[bq.ID] {
				ps.errorf(file, line, "question id %q from %s is also in the quiz; give one a different [id:]", bq.ID, bq.Source)
				continue
			}
			ids[bq.ID] = true
			q.Questions = append(q.Questions, bq)
			added++
		}
		switch {
		case added == 0 && q.BankCategory != "":
			ps.errorf(file, line, "bank %s has no questions in category %q; %s", name, q.BankCategory, categoryList(b.category))
		case added == 0:
			ps.errorf(file, line, "bank %s has no questions that can be asked", name)
		case len(q.Questions) > maxQuestions:
			ps.errorf(file, line, "the quiz has %d questions with those of %s; the limit is %d: choose a category, or split the bank", len(q.Questions), name, maxQuestions)
		}
	}
}

// inCategory reports whether a GIFT category ("top/Digital Skills/Cyber")
// is the wanted one or inside it. wanted may be written as Moodle writes
// it in the bank ("$course$/top/Digital Skills", "$system$/Digital
// Skills", "top/Digital Skills") or without the context and "top/"; case
// does not matter.
func inCategory(category, wanted string) bool {
	c := strings.TrimPrefix(strings.ToLower(category), "top/")
	w := categoryKey(wanted)
	return c == w || strings.HasPrefix(c, w+"/")
}

// categoryKey is a category as a quiz names it, lower-case, without a
// leading Moodle context ($course$, $system$), "top" or slashes.
func categoryKey(wanted string) string {
	w := strings.Trim(strings.ToLower(strings.TrimSpace(wanted)), "/")
	if first, rest, ok := strings.Cut(w, "/"); ok && len(first) > 2 && first[0] == '$' && first[len(first)-1] == '$' {
		w = strings.TrimLeft(rest, "/")
	}
	if w == "top" {
		return ""
	}
	return strings.Trim(strings.TrimPrefix(w, "top/"), "/")
}

// categoryList names a bank's categories as a quiz's category may give
// them, for a message: "Cyber basics/Phishing", "Digital Skills".
func categoryList(categories []string) string {
	var names []string
	for _, c := range categories {
		c = strings.TrimPrefix(c, "top/")
		if c != "top" && !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	if len(names) == 0 {
		return "the bank has no $CATEGORY lines"
	}
	const shown = 10
	quoted := make([]string, 0, shown)
	for _, n := range names[:min(len(names), shown)] {
		quoted = append(quoted, strconv.Quote(n))
	}
	more := ""
	if len(names) > shown {
		more = fmt.Sprintf(" and %d more", len(names)-shown)
	}
	return "its categories are " + strings.Join(quoted, ", ") + more
}

// readBank reads and converts one bank file, reporting its problems with
// the bank's own lines.
func readBank(fsys fs.FS, name string, ps *problems) *bankQuestions {
	b := &bankQuestions{}
	ext := path.Ext(name)
	if ext != ".gift" && ext != ".txt" {
		ps.errorf(name, 0, "a question bank must be a GIFT file (.gift) or an Aiken file (.txt)")
		return b
	}
	data, err := readFile(fsys, name, maxBankBytes)
	if err != nil {
		report(ps, name, err)
		return b
	}
	b.ok = true
	seen := map[string]int{}
	add := func(line int, category string, q Question, ok bool) {
		if !ok {
			return
		}
		if first, dup := seen[q.ID]; dup {
			ps.errorf(name, line, "question id %q is already used on line %d; give this question its own [id:] comment or ::name::", q.ID, first)
			return
		}
		seen[q.ID] = line
		q.Source = fmt.Sprintf("%s:%d", name, line)
		b.questions = append(b.questions, q)
		b.category = append(b.category, category)
	}
	if ext == ".gift" {
		questions, problems := gift.Parse(data)
		for _, p := range problems {
			ps.errorf(name, p.Line, "%s", p.Message)
		}
		for _, gq := range questions {
			q, ok := fromGIFT(name, gq, ps)
			add(gq.Line, gq.Category, q, ok)
		}
		return b
	}
	questions, problems := aiken.Parse(data)
	for _, p := range problems {
		ps.errorf(name, p.Line, "%s", p.Message)
	}
	for _, aq := range questions {
		q, ok := fromAiken(name, aq, ps)
		add(aq.Line, "", q, ok)
	}
	return b
}

// fromGIFT converts a GIFT question. Essay and description questions
// cannot be marked, so they are left out with a warning.
func fromGIFT(file string, g gift.Question, ps *problems) (Question, bool) {
	q := Question{ID: bankID(g.IDNumber, g.Name, g.Text), Prompt: plainText(g.Text, g.TextFormat),
		Markdown: g.TextFormat == gift.FormatMarkdown, Explanation: plainText(g.GeneralFeedback, g.TextFormat)}
	if g.IDNumber == "" && g.Name == "" && g.Kind != gift.Essay && g.Kind != gift.Description {
		ps.warnf(file, g.Line, "the question has no [id:] or ::name::, so its id (%s) comes from its text and changes when the text does, and learners lose their answers to it: add the line // [id:%s] above it",
			q.ID, suggestedID(q.Prompt))
	}
	if g.MissingWord {
		ps.warnf(file, g.Line, "a missing-word question is shown with a gap (_____) where the answer goes")
	}
	switch g.Kind {
	case gift.Essay, gift.Description:
		ps.warnf(file, g.Line, "%s questions cannot be marked, so this one is left out", g.Kind)
		return q, false
	case gift.MultipleChoice:
		q.Type = MultipleChoice
		if g.Single {
			q.Type = SingleChoice
		}
		for _, a := range g.Answers {
			q.Choices = append(q.Choices, Choice{Text: plainText(a.Text, a.Format), Weight: a.Fraction,
				Correct: a.Fraction >= 1-1e-6 || !g.Single && a.Fraction > 0, Feedback: plainText(a.Feedback, a.Format)})
			q.Weighted = q.Weighted || a.Fraction != 0 && a.Fraction < 1-1e-6
		}
		q.Weighted = q.Weighted || !g.Single
	case gift.TrueFalse:
		q.Type = TrueFalse
		q.Choices = trueFalseChoices(g.TrueFalse, plainText(g.FeedbackWrong, g.TextFormat), plainText(g.FeedbackRight, g.TextFormat))
	case gift.ShortAnswer:
		q.Type = TextAnswer
		for _, a := range g.Answers {
			q.Accept = append(q.Accept, Accepted{Text: plainText(a.Text, a.Format), Score: clamp01(a.Fraction), Feedback: plainText(a.Feedback, a.Format)})
		}
	case gift.Numerical:
		q.Type = NumberAnswer
		for _, n := range g.Numbers {
			q.Numbers = append(q.Numbers, NumberRange{Value: n.Value, Tolerance: n.Tolerance, Score: clamp01(n.Fraction),
				Feedback: plainText(n.Feedback, g.TextFormat), Any: n.Any})
		}
	case gift.Matching:
		q.Type = Matching
		for _, p := range g.Pairs {
			if p.Question == "" {
				q.Distractors = append(q.Distractors, plainText(p.Answer, g.TextFormat))
			} else {
				q.Pairs = append(q.Pairs, Pair{Prompt: plainText(p.Question, g.TextFormat), Answer: plainText(p.Answer, g.TextFormat)})
			}
		}
	default:
		ps.errorf(file, g.Line, "a %s question cannot be asked", g.Kind)
		return q, false
	}
	if q.Markdown && strings.TrimSpace(q.Prompt) != "" {
		// The limits on marks and nesting that keep lesson text quick
		// to render.
		checkBody(file, q.Prompt, g.Line, ps)
	}
	return q, checkBankQuestion(file, g.Line, &q, ps)
}

// fromAiken converts an Aiken question: single choice, no feedback.
func fromAiken(file string, a aiken.Question, ps *problems) (Question, bool) {
	q := Question{ID: bankID("", "", a.Text), Type: SingleChoice, Prompt: a.Text}
	for i, o := range a.Options {
		q.Choices = append(q.Choices, Choice{Text: o, Correct: i == a.Answer, Weight: boolScore(i == a.Answer)})
	}
	return q, checkBankQuestion(file, a.Line, &q, ps)
}

// checkBankQuestion applies the limits the YAML format has, and refuses
// text a terminal could act on, naming the bank's line.
func checkBankQuestion(file string, line int, q *Question, ps *problems) bool {
	ok := true
	fail := func(format string, args ...any) {
		ps.errorf(file, line, format, args...)
		ok = false
	}
	if n := len(q.Choices); n > maxChoices {
		fail("the question has %d answers; the limit is %d", n, maxChoices)
	}
	if n := len(q.Pairs) + len(q.Distractors); n > maxChoices {
		fail("the matching question has %d answers; the limit is %d", n, maxChoices)
	}
	if strings.TrimSpace(q.Prompt) == "" {
		fail("the question has no text")
	}
	texts := []string{q.Prompt, q.Explanation}
	for _, c := range q.Choices {
		texts = append(texts, c.Text, c.Feedback)
	}
	for _, a := range q.Accept {
		texts = append(texts, a.Text, a.Feedback)
	}
	for _, p := range q.Pairs {
		texts = append(texts, p.Prompt, p.Answer)
	}
	texts = append(texts, q.Distractors...)
	for _, n := range q.Numbers {
		texts = append(texts, n.Feedback)
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
			fail("the number %v cannot be an answer", n.Value)
		}
	}
	for _, t := range texts {
		if c, bad := firstUnsafeRune(t); bad {
			fail("the question contains the control character %U; remove it", c)
			break
		}
	}
	return ok
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// bankID gives a bank question a stable id: from its [id:] comment, else
// its ::name::, else a hash of its text, so that learners' answers stay
// with the question when the bank is edited.
func bankID(idNumber, name, text string) string {
	for _, s := range []string{idNumber, name} {
		slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
		if slug != "" && ValidID(slug) {
			return slug
		}
	}
	sum := sha256.Sum256([]byte(text))
	return fmt.Sprintf("q-%x", sum[:4])
}

// suggestedID proposes an [id:] for a question from the first words of
// its text: "Which key locks a PC?" gives "which-key-locks-a".
func suggestedID(text string) string {
	words := strings.Fields(nonSlug.ReplaceAllString(strings.ToLower(text), " "))
	id := ""
	for _, w := range words[:min(len(words), 4)] {
		if len(id)+len(w)+1 > 40 {
			break
		}
		id = strings.TrimPrefix(id+"-"+w, "-")
	}
	if id == "" {
		return "q1"
	}
	return id
}

// plainText turns a bank's text into what the app shows: HTML loses its
// tags and has its character references decoded; other formats are kept.
// Either way the text is sanitised with the rest of the pack afterwards.
func plainText(s string, f gift.Format) string {
	if f != gift.FormatHTML {
		return s
	}
	return htmlText(s)
}
