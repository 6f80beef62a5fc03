package tui

import (
	"fmt"
	"math/rand/v2"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// navigate turns the screens' intent messages into screen changes. It
// reports false for messages that are not about navigation.
func (m Model) navigate(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case profileChosenMsg:
		m.c.learner = nil
		return m, m.c.chooseLearnerCmd(msg.profile), true
	case showCoursesMsg:
		m.courses, m.active = newCourses(m.c), coursesScreen
		return m, nil, true
	case switchPackMsg:
		return m, m.switchPackCmd(msg.id), true
	case switchLearnerMsg:
		profiles, err := m.c.store.Profiles()
		if err != nil {
			return m, errCmd(err), true
		}
		m.picker, m.active = newPicker(m.c, profiles), pickerScreen
		return m, nil, true
	case newProfileMsg:
		m.welcome, m.active = newWelcome(m.c, "", true), welcomeScreen
		return m, nil, true
	case openModuleMsg:
		if mod, ok := m.c.pack.Module(msg.moduleID); ok {
			m.module, m.active = newModule(m.c, mod), moduleScreen
		}
		return m, nil, true
	case continueMsg:
		if m.c.learner.Lessons[msg.lessonID].OpenAttempt != 0 {
			return m.startQuiz(msg.lessonID, false)
		}
		next, cmd := m.openLesson(msg.lessonID)
		return next, cmd, true
	case openLessonMsg:
		next, cmd := m.openLesson(msg.lessonID)
		return next, cmd, true
	case startQuizMsg:
		return m.startQuiz(msg.lessonID, false)
	case retakeMsg:
		return m.startQuiz(msg.lessonID, true)
	case quizReadyMsg:
		if l, ok := m.c.pack.Lesson(msg.lessonID); ok {
			m.quiz, m.active = newQuiz(m.c, l, msg.attempt), quizScreen
		}
		return m, m.c.refreshCmd(), true
	case quizFinishedMsg:
		return m, m.resultsCmd(msg), true
	case startReviewMsg:
		return m, m.startReviewCmd(), true
	case reviewReadyMsg:
		m.quiz, m.active = newQuizOn(m.c, newReviewSource(msg.review, msg.cards)), quizScreen
		return m, nil, true
	case reviewFinishedMsg:
		var cards []review.Card
		if src, ok := m.quiz.src.(reviewSource); ok {
			cards = src.cards
		}
		m.reviewDone, m.active = newReviewDone(m.c, msg.review, cards), reviewDoneScreen
		return m, m.c.refreshCmd(), true
	case showDashboardMsg:
		m.dashboard, m.active = newDashboard(m.c), dashboardScreen
		return m, nil, true
	case noticeMsg:
		m.notice = msg.text
		return m, nil, true
	case resultsReadyMsg:
		m.c.learner, m.c.due = msg.progress, msg.due
		m.results, m.active = newResults(m.c, msg.lesson, msg.attempt, msg.awarded), resultsScreen
		return m, nil, true
	case completeLessonMsg:
		return m, m.completeCmd(msg.lessonID), true
	case lessonCompletedMsg:
		m, _ = m.learnerLoaded(msg.learnerLoadedMsg, false)
		if l, ok := m.c.pack.Lesson(msg.lessonID); ok {
			m = m.showModule(l)
			if m.notice == "" {
				m.notice = markDone + " Lesson complete: " + l.Title
			}
		}
		return m, nil, true
	case showBadgesMsg:
		m.badgesUp = m.active
		m.badges, m.active = newBadges(m.c), badgesScreen
		return m, nil, true
	case backMsg:
		next, cmd := m.back()
		return next, cmd, true
	case readingIdleMsg:
		if m.active != lessonScreen || m.lesson.lesson.ID != msg.lessonID || m.lesson.scroll != msg.scroll {
			return m, nil, true
		}
		m.lesson.saved = m.lesson.Position()
		return m, m.saveReadingCmd(), true
	}
	return m, nil, false
}

// back goes up one level: lesson to module to home; quiz to its lesson;
// results to the module.
func (m Model) back() (Model, tea.Cmd) {
	switch m.active {
	case coursesScreen:
		m.home, m.active = m.home.refresh(), homeScreen
	case pickerScreen:
		if m.c.learner != nil {
			m.home, m.active = m.home.refresh(), homeScreen
		}
	case welcomeScreen:
		profiles, err := m.c.store.Profiles()
		if err != nil {
			return m, errCmd(err)
		}
		m.picker, m.active = newPicker(m.c, profiles), pickerScreen
	case moduleScreen:
		m.home, m.active = m.home.refresh(), homeScreen
	case lessonScreen:
		save := m.saveReadingCmd()
		m = m.showModule(m.lesson.lesson)
		return m, save
	case quizScreen:
		if m.quiz.isReview() {
			// The session stays open, to resume from the home screen.
			m.home, m.active = m.home.refresh(), homeScreen
			return m, m.c.refreshCmd()
		}
		return m.openLesson(m.quiz.lesson.ID)
	case resultsScreen:
		m = m.showModule(m.results.lesson)
	case badgesScreen:
		m.active = m.badgesUp
		if m.active == homeScreen {
			m.home = m.home.refresh()
		}
	case reviewDoneScreen, dashboardScreen:
		m.home, m.active = m.home.refresh(), homeScreen
	}
	return m, nil
}

// showModule shows the module of a lesson with that lesson selected.
func (m Model) showModule(l *lessons.Lesson) Model {
	if mod, ok := m.c.pack.Module(l.ModuleID); ok {
		m.module, m.active = newModule(m.c, mod).selectLesson(l.ID), moduleScreen
	}
	return m
}

// openLesson shows a lesson at the learner's saved reading position,
// rendering it if it is not in the cache, and records it as the lesson to
// continue from.
func (m Model) openLesson(id string) (Model, tea.Cmd) {
	l, ok := m.c.pack.Lesson(id)
	if !ok {
		return m, nil
	}
	pos := m.c.learner.Lessons[id].Position
	m.lesson, m.active = newLesson(m.c, l, pos), lessonScreen
	cmds := []tea.Cmd{m.saveReadingCmd()}
	if m.lesson.needsRender() {
		cmds = append(cmds, renderLessonCmd(m.c.pack, l, m.lesson.wanted(), m.c.styles.Glamour))
	}
	return m, tea.Batch(cmds...)
}

// saveReadingCmd stores the open lesson's reading position, then refreshes
// the learner's progress (opening a lesson starts it).
func (m Model) saveReadingCmd() tea.Cmd {
	store, pid, lk, pos, now := m.c.store, m.c.profileID(), m.c.lessonKey(m.lesson.lesson.ID), m.lesson.Position(), m.c.now()
	refresh := m.c.refreshCmd()
	return func() tea.Msg {
		if err := store.SaveReading(pid, lk, pos, now); err != nil {
			return errMsg{err}
		}
		return refresh()
	}
}

// startQuiz saves the reading position if a lesson is open, then resumes
// the lesson's open attempt or starts a new one.
func (m Model) startQuiz(id string, fresh bool) (Model, tea.Cmd, bool) {
	l, ok := m.c.pack.Lesson(id)
	if !ok || l.Quiz == nil {
		return m, nil, true
	}
	var save tea.Cmd
	if m.active == lessonScreen {
		save = m.saveReadingCmd()
	}
	store, pid, lk, now, seed := m.c.store, m.c.profileID(), m.c.lessonKey(id), m.c.now(), m.c.seed()
	prepare := func() tea.Msg {
		if !fresh {
			a, open, err := store.OpenAttempt(pid, lk)
			if err != nil {
				return errMsg{err}
			}
			if open && fitsQuiz(a.Questions, l.Quiz) {
				return quizReadyMsg{lessonID: id, attempt: a}
			}
		}
		order := make([]string, len(l.Quiz.Questions))
		for i, q := range l.Quiz.Questions {
			order[i] = q.ID
		}
		if l.Quiz.ShuffleQuestions {
			rand.New(rand.NewPCG(uint64(seed), 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		a, err := store.StartAttempt(pid, lk, order, seed, now)
		if err != nil {
			return errMsg{err}
		}
		return quizReadyMsg{lessonID: id, attempt: a}
	}
	return m, tea.Sequence(save, prepare), true
}

// fitsQuiz reports whether an attempt's questions all still exist, so it
// can be resumed after the pack changed.
func fitsQuiz(questions []string, q *lessons.Quiz) bool {
	return !slices.ContainsFunc(questions, func(id string) bool {
		_, ok := q.Question(id)
		return !ok
	})
}

// resultsReadyMsg carries a finished quiz and the learner's updated
// progress to the results screen.
type resultsReadyMsg struct {
	lesson   *lessons.Lesson
	attempt  progress.Attempt
	progress *learner.Progress
	awarded  []lessons.Badge
	due      review.Counts
}

// resultsCmd re-reads progress after a quiz and awards the badges it earned.
func (m Model) resultsCmd(msg quizFinishedMsg) tea.Cmd {
	store, cat, pack, profile, now := m.c.store, m.c.catalog, m.c.pack, m.c.learner.Profile, m.c.now()
	return func() tea.Msg {
		loaded := loadLearner(store, cat, pack, profile, now)
		ll, ok := loaded.(learnerLoadedMsg)
		if !ok {
			return loaded
		}
		l, _ := pack.Lesson(msg.lessonID)
		return resultsReadyMsg{lesson: l, attempt: msg.attempt, progress: ll.progress, awarded: ll.awarded, due: ll.due}
	}
}

// completeCmd marks a lesson without a quiz complete.
func (m Model) completeCmd(id string) tea.Cmd {
	store, pid, lk, now := m.c.store, m.c.profileID(), m.c.lessonKey(id), m.c.now()
	refresh := m.c.refreshCmd()
	pos := m.lesson.Position()
	return func() tea.Msg {
		if err := store.SaveReading(pid, lk, pos, now); err != nil {
			return errMsg{err}
		}
		if err := store.CompleteLesson(pid, lk, now); err != nil {
			return errMsg{err}
		}
		msg := refresh()
		if ll, ok := msg.(learnerLoadedMsg); ok {
			return lessonCompletedMsg{learnerLoadedMsg: ll, lessonID: id}
		}
		return msg
	}
}

// lessonCompletedMsg reports that a lesson without a quiz is complete.
type lessonCompletedMsg struct {
	learnerLoadedMsg
	lessonID string
}

// learnerLoaded takes in fresh progress. After choosing a learner or a pack
// (chosen), the home screen opens on it; later loads refresh the screen on
// view and announce any new badge. A refresh that belongs to another
// learner or pack, from before a switch, is dropped.
func (m Model) learnerLoaded(msg learnerLoadedMsg, chosen bool) (Model, tea.Cmd) {
	cur := m.c.learner
	if !chosen && (cur == nil || cur.Profile.ID != msg.progress.Profile.ID || m.c.pack != msg.progress.Pack) {
		return m, nil
	}
	first := chosen
	m.c.learner, m.c.pack, m.c.due = msg.progress, msg.progress.Pack, msg.due
	if len(msg.awarded) > 0 {
		m.notice = markEarned + " New badge: " + msg.awarded[0].Title
		if len(msg.awarded) > 1 {
			m.notice += fmt.Sprintf(" and %d more (press b on the home screen)", len(msg.awarded)-1)
		}
	}
	switch {
	case first:
		m.home, m.active = newHome(m.c), homeScreen
	case m.active == homeScreen:
		m.home = m.home.refresh()
	case m.active == reviewDoneScreen:
		m.reviewDone = m.reviewDone.resize() // the due count changed
	}
	return m, nil
}

// switchPackCmd makes a pack the learner's current one and opens its home.
func (m Model) switchPackCmd(id string) tea.Cmd {
	store, cat, profile, now := m.c.store, m.c.catalog, m.c.learner.Profile, m.c.now
	return func() tea.Msg {
		pack, err := cat.Load(id)
		if err != nil {
			return errMsg{err}
		}
		if err := store.SetCurrentPack(profile.ID, id); err != nil {
			return errMsg{err}
		}
		msg := loadLearner(store, cat, pack, profile, now())
		if ll, ok := msg.(learnerLoadedMsg); ok {
			return learnerChosenMsg(ll)
		}
		return msg
	}
}
