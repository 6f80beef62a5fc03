package accessible

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/lessons"
)

// Every sentence the accessible mode says is here, so that it can be
// translated in one place. Counts go through plural; nothing says
// "card(s)".

// Starting and stopping.
const (
	msgTitle         = "Upskill, accessible mode. Type ? at any prompt to hear it again."
	msgGoodbye       = "Your progress is saved. Goodbye."
	msgRepeating     = "Here it is again."
	msgWelcomeIntro  = "Welcome to Upskill: short lessons and quizzes on the digital skills councils need. Your progress is saved on this computer as you go."
	msgWhatName      = "What is your name?"
	msgTypeName      = "Type your name and press enter."
	msgNameEmpty     = "Type your name first, then press enter."
	msgWhatRole      = "What is your role?"
	msgWhoIsLearning = "Who is learning? Each person's progress is kept separately."
	msgNewLearner    = "New learner"
)

// msgWelcomeName confirms a name given with --profile.
func msgWelcomeName(name string) string { return "Your name: " + name + "." }

// msgProfileItem names a learner in the list of learners.
func msgProfileItem(name, role string) string { return name + ", " + role }

// msgProfileNotSaved says a new profile could not be written.
func msgProfileNotSaved(err error) string {
	return fmt.Sprintf("Your profile could not be saved: %v. Please try again.", err)
}

// Menus and what can be typed at them.
const (
	msgAllModules     = "All modules"
	msgWhatNext       = "What would you like to do?"
	msgPathFinished   = "You have finished your path. See your badges"
	msgProgressItem   = "Your progress"
	msgCoursesItem    = "Choose a course"
	msgSwitchItem     = "Switch learner"
	msgQuitItem       = "Quit"
	msgHomeItem       = "Home"
	msgRetake         = "Retake the quiz"
	msgEarnedHeading  = "Earned:"
	msgLockedHeading  = "Still to earn:"
	msgCoursesHeading = "Courses on offer:"
	msgMore           = "Press enter for more, or type b for back."
	msgEnterForHome   = "Press enter to go back to the home menu."
	msgNotTrueFalse   = "Type 1 for true or 2 for false, then press enter."
	msgTypeAnAnswer   = "Type an answer, then press enter."
	msgNotANumber     = "Type a number, such as 72, then press enter."
)

// msgTypeNumber says how to choose from a numbered list.
func msgTypeNumber(canGoBack bool) string {
	if canGoBack {
		return "Type a number and press enter, or type b for back."
	}
	return "Type a number and press enter."
}

// msgNotAChoice says typed input is not a number on the list.
func msgNotAChoice(typed string, n int) string {
	if typed == "" {
		return fmt.Sprintf("Nothing was typed: type a number from 1 to %d and press enter.", n)
	}
	if n == 1 {
		return "That is not one of the choices: type 1 and press enter."
	}
	return fmt.Sprintf("That is not one of the choices: type a number from 1 to %d and press enter.", n)
}

// msgEnterOrBack says what can be typed where only enter (or b) goes on.
func msgEnterOrBack(canGoBack bool) string {
	if canGoBack {
		return "Press enter on its own to go on, or type b for back."
	}
	return "Press enter on its own to go on."
}

// msgHomeHeading greets the learner at the home menu.
func msgHomeHeading(name string, firstVisit bool) string {
	if firstVisit {
		return "Home. Welcome, " + name + "."
	}
	return "Home. Welcome back, " + name + "."
}

// msgPathProgress says how far the learner is through their path.
func msgPathProgress(pack, path string, done, total int) string {
	return fmt.Sprintf("%s, %s: %d of %s complete.", pack, path, done, plural(total, "lesson", "lessons"))
}

// msgContinue offers the lesson to continue with.
func msgContinue(title, module string, minutes int, openQuiz, reading bool) string {
	verb := "Start: "
	switch {
	case openQuiz:
		verb = "Continue the quiz: "
	case reading:
		verb = "Continue reading: "
	}
	s := verb + title
	if module != "" {
		s += ", in " + module
	}
	return s + ", about " + plural(minutes, "minute", "minutes")
}

// msgReviewItem offers a review of the cards due.
func msgReviewItem(due int) string { return "Review: " + plural(due, "card", "cards") + " due" }

// msgReviewMore offers another review session.
func msgReviewMore(due int) string {
	return "Review " + plural(due, "more card", "more cards") + " due today"
}

// msgModuleItem offers a module, with how far the learner is in it.
func msgModuleItem(title string, done, total int) string {
	return fmt.Sprintf("Module: %s, %d of %s complete", title, done, plural(total, "lesson", "lessons"))
}

// msgModuleHeading heads a module's list of lessons.
func msgModuleHeading(title string, done, total int) string {
	return fmt.Sprintf("Module: %s. %d of %s complete.", title, done, plural(total, "lesson", "lessons"))
}

// msgLessonItem names a lesson in a module's list, with its status.
func msgLessonItem(title, status string, scored bool, best int, hasQuiz bool) string {
	s := title + ", " + status
	if hasQuiz && scored {
		s += fmt.Sprintf(", best score %d per cent", best)
	}
	return s
}

// msgBadgesItem offers the badges.
func msgBadgesItem(earned, total int) string {
	return fmt.Sprintf("Badges: %d of %s on your path earned", earned, plural(total, "badge", "badges"))
}

// msgSettingItem offers to turn the saved accessible-mode setting on or off.
func msgSettingItem(on bool) string {
	if on {
		return "Always start in accessible mode: on. Choose this to turn it off"
	}
	return "Always start in accessible mode: off. Choose this to turn it on"
}

// msgSettingSaved confirms the saved accessible-mode setting.
func msgSettingSaved(on bool) string {
	if on {
		return "Saved. Upskill will start in accessible mode for you every time."
	}
	return "Saved. Upskill will start full-screen for you, unless you ask for accessible mode."
}

// msgCourseItem names a course on offer.
func msgCourseItem(title string, current bool, done, total int) string {
	s := fmt.Sprintf("%s, %d of %s on your path complete", title, done, plural(total, "lesson", "lessons"))
	if current {
		s += ", the course you are taking"
	}
	return s
}

// msgCourseChosen confirms a change of course.
func msgCourseChosen(title string) string { return "You are now taking " + title + "." }

// Badges.

// msgBadgesHeading counts the badges of the learner's path earned.
func msgBadgesHeading(earned, total int) string {
	return fmt.Sprintf("Badges: %d of %s on your path earned.", earned, plural(total, "badge", "badges"))
}

// msgOtherBadgesHeading introduces the badges of modules and paths that
// are not the learner's.
const msgOtherBadgesHeading = "Other badges in this pack, for modules or paths that are not on yours. You can still earn them."

// msgBadgeEarned announces a badge just earned.
func msgBadgeEarned(title, description string) string {
	return "Badge earned: " + title + ". " + description
}

// msgBadgeLine describes an earned badge.
func msgBadgeLine(title, description string, at time.Time) string {
	return title + ", earned " + at.Format("2 January 2006") + ". " + description
}

// msgLockedBadgeLine describes a badge still to earn, saying once what
// earns it.
func msgLockedBadgeLine(title, requirement string) string {
	return title + ", not yet earned. To earn it: " + requirement + "."
}

// Progress.

// msgProgressHeading heads the progress report.
func msgProgressHeading(pack string) string { return "Your progress in " + pack + "." }

// msgModuleProgress says how far the learner is in a module.
func msgModuleProgress(title string, done, total int, status string) string {
	return fmt.Sprintf("%s: %d of %s complete, %s.", title, done, plural(total, "lesson", "lessons"), status)
}

// msgStreaks gives the current and longest streaks.
func msgStreaks(current, longest int) string {
	return "Streak: " + plural(current, "day", "days") + ". Longest streak: " + plural(longest, "day", "days") + "."
}

// msgDue counts the review cards due.
func msgDue(today, week int) string {
	if week == 0 {
		return "No review cards are due this week."
	}
	return fmt.Sprintf("Review cards due: %d today, %d this week.", today, week)
}

// Reading a lesson.
const (
	msgObjectives = "By the end of this lesson you can:"
	msgSources    = "Sources:"
	msgCodeStart  = "Code:"
	msgCodeEnd    = "End of code."
)

// msgLessonTitle announces a lesson.
func msgLessonTitle(title string) string { return "Lesson: " + title + "." }

// msgLessonMeta says how long a lesson takes, its module and its quiz.
func msgLessonMeta(minutes int, module string, questions int) string {
	s := "About " + plural(minutes, "minute", "minutes") + "."
	if module != "" {
		s += " Module: " + module + "."
	}
	if questions > 0 {
		s += " Quiz of " + plural(questions, "question", "questions") + "."
	} else {
		s += " No quiz."
	}
	return s
}

// msgSource describes a lesson's source.
func msgSource(title, url string, checked time.Time) string {
	s := title
	if url != "" {
		s += ", " + url
	}
	if !checked.IsZero() {
		s += ", checked " + checked.Format("2 January 2006")
	}
	return s
}

// msgHeading announces a heading in a lesson.
func msgHeading(text string) string { return "Heading: " + text }

// msgQuote marks a line of a quotation.
func msgQuote(text string) string { return "Quote: " + strings.TrimSpace(text) }

// msgLink reads a link: its text, then its address.
func msgLink(text, address string) string { return text + " (" + address + ")" }

// msgImage reads an image by its description.
func msgImage(alt string) string { return "Image: " + alt }

// msgTask reads a task list's box.
func msgTask(done bool) string {
	if done {
		return "Done: "
	}
	return "To do: "
}

// msgTableStart announces a table's size.
func msgTableStart(columns, rows int) string {
	return "Table of " + plural(columns, "column", "columns") + " and " + plural(rows, "row", "rows") + "."
}

// msgTableRow reads a row of a table, each cell after its column's name.
func msgTableRow(n int, cells []string) string {
	return fmt.Sprintf("Row %d: %s.", n, strings.Join(cells, "; "))
}

// msgResuming says the lesson goes on from where it was left.
func msgResuming(page, pages int) string {
	return fmt.Sprintf("Continuing from page %d of %d, where you left off.", page, pages)
}

// msgLessonEnd says what enter does at the end of a lesson.
func msgLessonEnd(hasQuiz bool) string {
	if hasQuiz {
		return "End of the lesson. Press enter to take the quiz, or type b for back."
	}
	return "End of the lesson. Press enter to mark it complete, or type b for back."
}

// msgLessonComplete confirms a lesson without a quiz is complete.
func msgLessonComplete(title string) string { return "Lesson complete: " + title + "." }

// Quizzes and reviews.
const (
	msgQuizIntro       = "Type ? to hear a question again, or b to leave the quiz. Each answer is saved as you give it."
	msgReviewIntro     = "Type ? to hear a question again, or b to leave the review. Each answer is saved as you give it."
	msgQuizLeft        = "You left the quiz. Your answers so far are saved: continue it from the home menu."
	msgReviewLeft      = "You left the review. Your answers so far are saved: continue it from the home menu."
	msgQuestionGone    = "This quiz has changed since you started it. Retake it from its lesson."
	msgChoices         = "Choices:"
	msgNoMistakes      = "No mistakes to review."
	msgNotAnswered     = "not answered"
	msgNone            = "none"
	msgNothingDue      = "No cards are due for review. Well done."
	msgReviewExplained = "Each card comes back when you are about to forget it: soon if you got it wrong, later each time you get it right."
)

// typeInstruction says what kind of answer a question takes.
func typeInstruction(t lessons.QuestionType) string {
	switch t {
	case lessons.SingleChoice:
		return "Choose one."
	case lessons.MultipleChoice:
		return "Choose all that apply."
	case lessons.TrueFalse:
		return "True or false."
	case lessons.TextAnswer:
		return "Type your answer."
	case lessons.NumberAnswer:
		return "Type a number."
	case lessons.Matching:
		return "Match each one."
	case lessons.Ordering:
		return "Put these in order."
	}
	return ""
}

// msgQuestionHeading announces a quiz question and its kind.
func msgQuestionHeading(n, total int, t lessons.QuestionType) string {
	return fmt.Sprintf("Question %d of %d. %s", n, total, typeInstruction(t))
}

// msgCardHeading announces a review card and its kind.
func msgCardHeading(n, total int, t lessons.QuestionType) string {
	return fmt.Sprintf("Review card %d of %d. %s", n, total, typeInstruction(t))
}

// msgFrom names the lesson a review card comes from.
func msgFrom(lesson string) string { return "From: " + lesson + "." }

// msgQuestionHint says how to answer a question of a type with n options.
func msgQuestionHint(t lessons.QuestionType, n int, unit string) string {
	switch t {
	case lessons.MultipleChoice:
		return "Type the numbers, separated by spaces, and press enter."
	case lessons.TextAnswer:
		return "Type your answer and press enter."
	case lessons.NumberAnswer:
		if unit != "" {
			return "Type a number and press enter. The answer is in " + unit + "."
		}
		return "Type a number and press enter."
	case lessons.Ordering:
		return "Type the order, first item first, for example " + orderExample(n) + ", and press enter."
	}
	return "Type a number and press enter."
}

// orderExample is an example order for n items: "3 1 2" for three.
func orderExample(n int) string {
	parts := []string{strconv.Itoa(n)}
	for i := 1; i < n; i++ {
		parts = append(parts, strconv.Itoa(i))
	}
	return strings.Join(parts, " ")
}

// msgNotNumbers says a multiple-choice answer was not a list of choices.
func msgNotNumbers(n int) string {
	return fmt.Sprintf("Type one or more numbers from 1 to %d, separated by spaces, then press enter.", n)
}

// msgNotAnOrder says an ordering answer did not use each item once.
func msgNotAnOrder(n int) string {
	return fmt.Sprintf("Type each number from 1 to %d once, in the order you choose, separated by spaces.", n)
}

// msgMatchingIntro says how a matching question is asked.
func msgMatchingIntro(lines, answers int) string {
	return "There " + pluralVerb(lines, "is ", "are ") + plural(lines, "line", "lines") + " to match, one at a time, with " +
		plural(answers, "answer", "answers") + " to choose from."
}

// pluralVerb chooses a verb's form by a count.
func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// msgMatchingLine asks for the answer to one line of a matching question.
func msgMatchingLine(n, total int, prompt string) string {
	return fmt.Sprintf("Line %d of %d: %s", n, total, prompt)
}

// msgMatchingHint says how to answer one line of a matching question.
const msgMatchingHint = "Type a number and press enter."

// msgRightWithSlip says a typed answer was right but for a slip in its
// spelling, and how the answer is spelt.
func msgRightWithSlip(spelling string) string {
	return "Right, but check the spelling: " + spelling + "."
}

// msgVerdict says whether an answer was right.
func msgVerdict(correct bool, points float64) string {
	switch {
	case correct:
		return "Correct."
	case points > 0:
		return fmt.Sprintf("Partly right: %d per cent of the marks.", score.Share(points))
	}
	return "Not quite."
}

// msgYourAnswer repeats the learner's answer.
func msgYourAnswer(answer string) string { return "Your answer: " + answer }

// msgRightAnswer gives the right answer.
func msgRightAnswer(answer string) string { return "The right answer: " + answer }

// msgChoiceFeedback gives the feedback on a choice; on a multiple-choice
// question it names the choice.
func msgChoiceFeedback(choice, text string, multiple bool) string {
	if multiple && choice != "" {
		return "About " + choice + ": " + text
	}
	return text
}

// msgWhy gives a question's explanation.
func msgWhy(text string) string { return "Why: " + text }

// msgAfterFeedback says what enter does after a quiz question's feedback.
func msgAfterFeedback(last bool) string {
	if last {
		return "Press enter to see your results."
	}
	return "Press enter for the next question."
}

// msgAfterCard says what enter does after a review card's feedback.
func msgAfterCard(last bool) string {
	if last {
		return "Press enter to finish the review."
	}
	return "Press enter for the next card."
}

// msgResumingQuiz says an open attempt goes on where it was left.
func msgResumingQuiz(answered, total int) string {
	return fmt.Sprintf("Continuing your quiz: %d of %s answered.", answered, plural(total, "question", "questions"))
}

// msgResultsHeading heads a quiz's results.
func msgResultsHeading(title string) string { return "Quiz results: " + title + "." }

// msgScore gives a finished quiz's score and whether it passed.
func msgScore(points float64, questions, percent, passMark int, passed bool) string {
	s := fmt.Sprintf("You scored %s of %d, %d per cent. The pass mark is %d per cent.", formatPoints(points), questions, percent, passMark)
	if passed {
		return "Passed. " + s
	}
	return "Not passed yet. " + s + " Read the explanations below, then retake the quiz."
}

// formatPoints writes marks as everywhere else in Upskill: 3, 2.5, 4.25.
func formatPoints(p float64) string { return score.Marks(p) }

// msgBest gives the learner's best score on a quiz.
func msgBest(best, attempts int) string {
	return fmt.Sprintf("Your best score is %d per cent, after %s.", best, plural(attempts, "attempt", "attempts"))
}

// msgMistakesHeading counts the questions to look at again.
func msgMistakesHeading(n int) string {
	return plural(n, "question", "questions") + " to look at again:"
}

// msgMistake names a question not fully right.
func msgMistake(n int, prompt string, points float64) string {
	if points > 0 {
		return fmt.Sprintf("Question %d, %d per cent of the marks: %s", n, score.Share(points), prompt)
	}
	return fmt.Sprintf("Question %d: %s", n, prompt)
}

// msgResultsNext offers what comes after a quiz.
func msgResultsNext(next, this *lessons.Lesson) string {
	switch {
	case next == nil:
		return "See your badges"
	case next.ID == this.ID:
		return "Read the lesson again"
	}
	return "Next lesson: " + next.Title
}

// msgReviewFinished sums up a review session.
func msgReviewFinished(cards, right, partly, wrong int) string {
	return fmt.Sprintf("Review finished. You reviewed %s: %d right, %d partly right, %d to see again soon.",
		plural(cards, "card", "cards"), right, partly, wrong)
}

// msgLookAgain names a review card to look at again.
func msgLookAgain(prompt string) string { return "Look at this again: " + prompt }

// Problems with the progress file.

// msgStoreProblem reports a failure to read or write the progress file.
func msgStoreProblem(err error) string {
	return fmt.Sprintf("Something went wrong with your progress file: %v.", err)
}

// msgAnswerNotSaved says an answer was not written, so it must be given
// again.
func msgAnswerNotSaved(err error) string {
	return fmt.Sprintf("Your answer could not be saved, so it does not count yet: %v. Please answer again.", err)
}

// msgNotFinished says a quiz or review could not be closed.
func msgNotFinished(err error) string {
	return fmt.Sprintf("This could not be finished: %v. Your answers are saved; try again from the home menu.", err)
}

// msgNotCompleted says a lesson could not be marked complete.
func msgNotCompleted(err error) string {
	return fmt.Sprintf("The lesson could not be marked complete: %v.", err)
}

// msgNameTaken says the name is another learner's, and how to tell the two
// apart.
func msgNameTaken(name string) string {
	return fmt.Sprintf("Someone here is already called %s. Type a name that tells you apart, such as your name and your team: for example, %s (Housing).", name, name)
}

// Required training, on the home menu.
const msgRequiredHeading = "Your required training:"

// msgRequiredItem says where the learner stands on one required module,
// in a sentence, dates in their calendar.
func msgRequiredItem(it compliance.Item, now time.Time) string {
	date := func(t time.Time) string { return t.In(now.Location()).Format(compliance.DateLayout) }
	switch it.Status {
	case compliance.Overdue:
		return fmt.Sprintf("%s is overdue: it was due by %s.", it.ModuleTitle, date(it.Due))
	case compliance.DueSoon:
		return fmt.Sprintf("%s is due by %s, %s.", it.ModuleTitle, date(it.Due), msgInDays(it.Due, now))
	case compliance.NotStarted:
		return fmt.Sprintf("%s is due by %s.", it.ModuleTitle, date(it.Due))
	}
	if it.ValidUntil.IsZero() {
		return fmt.Sprintf("%s is done.", it.ModuleTitle)
	}
	return fmt.Sprintf("%s is done, valid until %s.", it.ModuleTitle, date(it.ValidUntil))
}

// msgInDays says how far away a due date is: today, tomorrow, in N days.
func msgInDays(due, now time.Time) string {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = due.In(now.Location()).Date()
	n := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(today).Hours() / 24)
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return "in " + plural(n, "day", "days")
}
