package tui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/quizorder"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// navigate turns the screens' intent messages into changes of the stack:
// this is where every screen is made. It reports false for messages that
// are not about navigation.
func (m *Model) navigate(msg tea.Msg) (tea.Cmd, bool) {
	if m.c.oneLearner {
		switch msg.(type) {
		case switchLearnerMsg, profilesReadyMsg, newProfileMsg:
			return nil, true // a server's learner may not become another
		}
	}
	switch msg := msg.(type) {
	case learnerLoadedMsg:
		return m.learnerLoaded(msg), true
	case learnerChosenMsg:
		m.setLearner(learnerLoadedMsg(msg))
		m.screens = stack{newHome(m.c)}
		return tea.Batch(m.resize(), m.c.reconcileCmd()), true
	case profileChosenMsg:
		m.c.learner = nil
		m.c.now = m.c.clockFor(msg.profile)
		return m.c.chooseLearnerCmd(msg.profile), true
	case showCoursesMsg:
		return m.c.coursesCmd(), true
	case coursesReadyMsg:
		return m.push(newCourses(m.c, msg.entries, msg.done)), true
	case switchPackMsg:
		return m.c.switchPackCmd(msg.id), true
	case switchLearnerMsg:
		return m.c.profilesCmd(), true
	case profilesReadyMsg:
		return m.push(newPicker(m.c, msg.profiles)), true
	case newProfileMsg:
		return m.push(newWelcome(m.c, "", true)), true
	case openModuleMsg:
		if mod, ok := m.c.pack.Module(msg.moduleID); ok {
			return m.push(newModule(m.c, mod)), true
		}
		return nil, true
	case continueMsg:
		if m.c.learner.Lessons[msg.lessonID].OpenAttempt != 0 {
			return m.c.startQuizCmd(msg.lessonID, false), true
		}
		return m.openLesson(msg.lessonID), true
	case openLessonMsg:
		return m.openLesson(msg.lessonID), true
	case startQuizMsg:
		return m.c.startQuizCmd(msg.lessonID, false), true
	case retakeMsg:
		return m.c.startQuizCmd(msg.lessonID, true), true
	case quizReadyMsg:
		l, ok := m.c.pack.Lesson(msg.lessonID)
		if !ok {
			return nil, true
		}
		pos := m.c.learner.Lessons[l.ID].Position
		return tea.Batch(m.atLesson(l, newLesson(m.c, l, pos), newQuiz(m.c, l, msg.attempt)), m.c.refreshCmd()), true
	case quizFinishedMsg:
		return m.c.resultsCmd(msg), true
	case resultsReadyMsg:
		m.c.learner, m.c.due = msg.progress, msg.due
		return m.atLesson(msg.lesson, newResults(m.c, msg.lesson, msg.attempt, msg.awarded)), true
	case completeLessonMsg:
		return m.c.completeCmd(msg.lessonID, msg.position), true
	case lessonCompletedMsg:
		cmd := m.learnerLoaded(msg.learnerLoadedMsg)
		l, ok := m.c.pack.Lesson(msg.lessonID)
		if !ok {
			return cmd, true
		}
		if m.notice == "" {
			m.notice = marks.Done + " Lesson complete: " + l.Title
		}
		return tea.Batch(cmd, m.atLesson(l)), true
	case startReviewMsg:
		return m.c.startReviewCmd(), true
	case reviewReadyMsg:
		return m.fromHome(newQuizOn(m.c, newReviewSource(msg.review, msg.cards))), true
	case reviewFinishedMsg:
		return tea.Batch(m.fromHome(newReviewDone(m.c, msg.review, msg.cards)), m.c.refreshCmd()), true
	case showBadgesMsg:
		return m.push(newBadges(m.c)), true
	case showDashboardMsg:
		return m.push(newDashboard(m.c)), true
	case showTeamMsg:
		if !seesTeam(m.c.learner.Profile) {
			return nil, true
		}
		return tea.Batch(m.push(newTeam(m.c)), m.c.teamLoadCmd("")), true
	case backMsg:
		return m.back(), true
	}
	return nil, false
}

// push opens a screen over the one on view.
func (m *Model) push(sc screen) tea.Cmd {
	m.screens = m.screens.push(sc)
	return m.resize()
}

// back closes the screen on view and shows the one under it again. The
// first screen stays.
func (m *Model) back() tea.Cmd {
	rest, left, ok := m.screens.pop()
	if !ok {
		return nil
	}
	m.screens = rest
	return tea.Batch(left.leave(), m.resize())
}

// fromHome shows screens over the home screen, in place of whatever was
// open: a review session and its summary.
func (m *Model) fromHome(screens ...screen) tea.Cmd {
	m.screens = append(stack{m.screens[0]}, screens...)
	return m.resize()
}

// atLesson shows screens over a lesson's module, with the lesson selected
// in it: home, the module, then screens (the lesson, its quiz, results).
// The path matches the header's.
func (m *Model) atLesson(l *lessons.Lesson, screens ...screen) tea.Cmd {
	st := stack{m.screens[0]}
	if mod, ok := m.c.pack.Module(l.ModuleID); ok {
		st = st.push(newModule(m.c, mod).selectLesson(l.ID))
	}
	m.screens = append(st, screens...)
	return m.resize()
}

// openLesson shows a lesson at the learner's saved reading position,
// rendering it if it is not in the cache, and records it as the lesson to
// continue from.
func (m *Model) openLesson(id string) tea.Cmd {
	l, ok := m.c.pack.Lesson(id)
	if !ok {
		return nil
	}
	pos := m.c.learner.Lessons[id].Position
	lm := newLesson(m.c, l, pos)
	return tea.Batch(m.atLesson(l, lm), lm.saveCmd())
}

// learnerLoaded takes in fresh progress: the screen on view lays out
// again, and a new badge is announced. A refresh that belongs to another
// learner or pack, from before a switch, is dropped.
func (m *Model) learnerLoaded(msg learnerLoadedMsg) tea.Cmd {
	cur := m.c.learner
	if cur == nil || cur.Profile.ID != msg.progress.Profile.ID || m.c.pack != msg.progress.Pack {
		return nil
	}
	m.setLearner(msg)
	return m.resize()
}

// setLearner keeps fresh progress, and announces any badge it earned.
func (m *Model) setLearner(msg learnerLoadedMsg) {
	m.c.learner, m.c.pack, m.c.due, m.c.required = msg.progress, msg.progress.Pack, msg.due, msg.required
	if len(msg.awarded) > 0 {
		m.notice = marks.Earned + " New badge: " + msg.awarded[0].Title
		if len(msg.awarded) > 1 {
			m.notice += fmt.Sprintf(" and %d more (press %s on the home screen)", len(msg.awarded)-1, spoken(m.c.keys.Badges))
		}
	}
}

// coursesReadyMsg carries the packs on offer and how far the learner's
// path in each is done, for the courses screen.
type coursesReadyMsg struct {
	entries []catalog.Entry
	done    []pathDone
}

// coursesCmd reads how far the learner is along their path in each pack
// on offer: the lessons of the path, as home counts them.
func (c *common) coursesCmd() tea.Cmd {
	store, cat, pid, role := c.store, c.catalog, c.profileID(), lessons.Audience(c.learner.Profile.Role)
	return func() tea.Msg {
		entries := cat.Entries()
		done := make([]pathDone, len(entries))
		for i, e := range entries {
			pack, err := cat.Load(e.ID)
			if err != nil {
				return errMsg{err}
			}
			recs, err := store.Lessons(pid, e.ID)
			if err != nil {
				return errMsg{err}
			}
			for _, m := range pack.ModulesFor(role) {
				for _, id := range m.LessonIDs {
					done[i].total++
					if recs[id].Status == progress.Completed {
						done[i].done++
					}
				}
			}
		}
		return coursesReadyMsg{entries: entries, done: done}
	}
}

// profilesReadyMsg carries the profiles of the file, for the picker.
type profilesReadyMsg struct{ profiles []progress.Profile }

// profilesCmd reads the profiles, to choose another learner.
func (c *common) profilesCmd() tea.Cmd {
	store := c.store
	return func() tea.Msg {
		profiles, err := store.Profiles()
		if err != nil {
			return errMsg{err}
		}
		return profilesReadyMsg{profiles}
	}
}

// startQuizCmd resumes the lesson's open attempt, or starts a new one
// (always, when fresh).
func (c *common) startQuizCmd(id string, fresh bool) tea.Cmd {
	l, ok := c.pack.Lesson(id)
	if !ok || l.Quiz == nil {
		return nil
	}
	store, pid, lk, now, seed := c.store, c.profileID(), c.lessonKey(id), c.now(), c.seed()
	return func() tea.Msg {
		if !fresh {
			a, open, err := store.OpenAttempt(pid, lk)
			if err != nil {
				return errMsg{err}
			}
			if open && fitsQuiz(a.Questions, l.Quiz) && a.Next() >= len(a.Questions) {
				// Every question is answered: Upskill stopped, or the
				// learner left, on the last feedback. Close the attempt
				// and show its results; never ask a question again.
				done, err := store.FinishAttempt(pid, lk, a.ID, l.Quiz.PassMark, now)
				if err != nil {
					return errMsg{err}
				}
				return quizFinishedMsg{lessonID: id, attempt: done}
			}
			if open && fitsQuiz(a.Questions, l.Quiz) {
				return quizReadyMsg{lessonID: id, attempt: a}
			}
		}
		a, err := store.StartAttempt(pid, lk, quizorder.Questions(l.Quiz, seed), seed, now)
		if err != nil {
			return errMsg{err}
		}
		return quizReadyMsg{lessonID: id, attempt: a}
	}
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
func (c *common) resultsCmd(msg quizFinishedMsg) tea.Cmd {
	store, cat, pack, profile, now := c.store, c.catalog, c.pack, c.learner.Profile, c.now()
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

// completeCmd marks a lesson without a quiz complete, keeping how far it
// was read.
func (c *common) completeCmd(id string, pos float64) tea.Cmd {
	store, pid, lk, now := c.store, c.profileID(), c.lessonKey(id), c.now()
	refresh := c.refreshCmd()
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

// switchPackCmd makes a pack the learner's current one and opens its home.
func (c *common) switchPackCmd(id string) tea.Cmd {
	store, cat, profile, now := c.store, c.catalog, c.learner.Profile, c.now
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
