package tui

// Names of the screens, for tests to say which one is on view.
const (
	welcomeScreen    = "welcome"
	pickerScreen     = "profiles"
	homeScreen       = "home"
	moduleScreen     = "module"
	lessonScreen     = "lesson"
	quizScreen       = "quiz"
	resultsScreen    = "results"
	badgesScreen     = "badges"
	coursesScreen    = "courses"
	reviewDoneScreen = "review done"
	dashboardScreen  = "dashboard"
	teamScreen       = "team"
)

// screenName names a screen, for test messages and checks.
func screenName(s screen) string {
	switch s.(type) {
	case welcomeModel:
		return welcomeScreen
	case pickerModel:
		return pickerScreen
	case homeModel:
		return homeScreen
	case moduleModel:
		return moduleScreen
	case lessonModel:
		return lessonScreen
	case quizModel:
		return quizScreen
	case resultsModel:
		return resultsScreen
	case badgesModel:
		return badgesScreen
	case coursesModel:
		return coursesScreen
	case reviewDoneModel:
		return reviewDoneScreen
	case dashboardModel:
		return dashboardScreen
	case teamModel:
		return teamScreen
	}
	return "unknown"
}

// active names the screen on view.
func (h *harness) active() string { return screenName(h.m.screens.top()) }

// onTop returns the screen on view as a T, failing the test if it is not
// one.
func onTop[T screen](h *harness) T {
	h.t.Helper()
	sc, ok := h.m.screens.top().(T)
	if !ok {
		h.t.Fatalf("the screen on view is %s:\n%s", h.active(), h.screen())
	}
	return sc
}

// quiz, lesson, home, welcome and dashboard are the screen on view, as
// that screen.
func (h *harness) quiz() quizModel           { h.t.Helper(); return onTop[quizModel](h) }
func (h *harness) lesson() lessonModel       { h.t.Helper(); return onTop[lessonModel](h) }
func (h *harness) home() homeModel           { h.t.Helper(); return onTop[homeModel](h) }
func (h *harness) welcome() welcomeModel     { h.t.Helper(); return onTop[welcomeModel](h) }
func (h *harness) dashboard() dashboardModel { h.t.Helper(); return onTop[dashboardModel](h) }
