package accessible

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// say writes lines to the learner, one after another. Every line passes
// through termsafe.Text, so nothing written can move the cursor, colour
// the text or control the terminal, whatever a pack holds.
func (s *session) say(lines ...string) {
	if s.werr != nil {
		return
	}
	for _, l := range lines {
		if _, err := io.WriteString(s.out, termsafe.Text(l)+"\n"); err != nil {
			s.werr = fmt.Errorf("write: %w", err)
			return
		}
	}
}

// gap writes an empty line between parts, which screen readers pass over.
func (s *session) gap() { s.say("") }

// readLine reads one line of input, trimmed. It returns errQuit when the
// input ends or the session is cancelled, and the write error when
// output has failed: there is no one to answer.
func (s *session) readLine() (string, error) {
	if s.werr != nil {
		return "", s.werr
	}
	if err := s.ctx.Err(); err != nil {
		return "", errQuit
	}
	if !s.lines.Scan() {
		if err := s.lines.Err(); err != nil {
			return "", fmt.Errorf("read input: %w", err)
		}
		return "", errQuit
	}
	if err := s.ctx.Err(); err != nil {
		return "", errQuit
	}
	return strings.TrimSpace(s.lines.Text()), nil
}

// prompt is one question to the learner: what it says, and the line
// saying what can be typed, which ends it. Typing "?" prints it again.
type prompt struct {
	lines []string
	hint  string
}

// show prints the prompt.
func (s *session) show(p prompt) {
	s.say(p.lines...)
	s.say(p.hint)
}

// ask prints a prompt and reads the answer. "?" prints the prompt again,
// with a reminder of what "?" does, and reads again.
func (s *session) ask(p prompt) (string, error) {
	s.show(p)
	for {
		line, err := s.readLine()
		if err != nil {
			return "", err
		}
		if line != "?" {
			return line, nil
		}
		s.say(msgRepeating)
		s.show(p)
	}
}

// retry tells the learner, in one sentence, why their input was not
// taken, then says the prompt's hint again.
func (s *session) retry(p prompt, why string) {
	s.say(why)
	s.say(p.hint)
}

// askAgain reads the next answer after retry, without printing the
// prompt first; "?" prints it all again as ask does.
func (s *session) askAgain(p prompt) (string, error) {
	for {
		line, err := s.readLine()
		if err != nil {
			return "", err
		}
		if line != "?" {
			return line, nil
		}
		s.say(msgRepeating)
		s.show(p)
	}
}

// back is what choose returns when the learner types b.
const back = -1

// choose prints a numbered list under its heading lines and reads the
// number of an item, from 0. With canGoBack, typing b returns back.
func (s *session) choose(heading []string, items []string, canGoBack bool) (int, error) {
	p := prompt{lines: append(heading[:len(heading):len(heading)], numbered(items)...), hint: msgTypeNumber(canGoBack)}
	line, err := s.ask(p)
	for {
		if err != nil {
			return 0, err
		}
		if canGoBack && isBack(line) {
			return back, nil
		}
		n, ok := pickNumber(line, len(items))
		if ok {
			return n - 1, nil
		}
		s.retry(p, msgNotAChoice(line, len(items)))
		line, err = s.askAgain(p)
	}
}

// waitForEnter prints a line ending a part and waits for enter; typing b
// reports true (go back) where canGoBack.
func (s *session) waitForEnter(p prompt, canGoBack bool) (wentBack bool, err error) {
	line, err := s.ask(p)
	for {
		if err != nil {
			return false, err
		}
		switch {
		case line == "":
			return false, nil
		case canGoBack && isBack(line):
			return true, nil
		}
		s.retry(p, msgEnterOrBack(canGoBack))
		line, err = s.askAgain(p)
	}
}

// numbered prefixes items with their numbers: "1: First".
func numbered(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strconv.Itoa(i+1) + ": " + it
	}
	return out
}

// pickNumber reads a number from 1 to n.
func pickNumber(line string, n int) (int, bool) {
	v, err := strconv.Atoi(strings.TrimSuffix(line, "."))
	if err != nil || v < 1 || v > n {
		return 0, false
	}
	return v, true
}

// isBack reports whether the learner typed b (or "back").
func isBack(line string) bool {
	l := strings.ToLower(line)
	return l == "b" || l == "back"
}
