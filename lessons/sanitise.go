package lessons

import "github.com/upskill-council/upskill/internal/termsafe"

// sanitise removes anything from a valid pack's text that could act on a
// terminal. Validation has already refused raw control characters; this
// is the second line of defence, and it also neutralises character
// references such as &#27; in Markdown, which are only dangerous once
// rendered.
func sanitise(p *Pack) {
	p.Title = termsafe.Line(p.Title)
	p.Summary = termsafe.Text(p.Summary)
	p.Licence = termsafe.Line(p.Licence)
	lines(p.Authors)
	for i := range p.Modules {
		m := &p.Modules[i]
		m.Title, m.Summary = termsafe.Line(m.Title), termsafe.Text(m.Summary)
	}
	for i := range p.Paths {
		p.Paths[i].Title = termsafe.Line(p.Paths[i].Title)
	}
	for i := range p.Badges {
		b := &p.Badges[i]
		b.Title, b.Description = termsafe.Line(b.Title), termsafe.Text(b.Description)
	}
	for _, l := range p.lessons {
		sanitiseLesson(l)
	}
}

func sanitiseLesson(l *Lesson) {
	l.Title = termsafe.Line(l.Title)
	lines(l.Objectives)
	for i := range l.Sources {
		s := &l.Sources[i]
		s.Title = termsafe.Line(s.Title)
		if !termsafe.AllowedURL(s.URL) {
			s.URL = ""
		}
	}
	l.Body = termsafe.Markdown(l.Body)
	if l.Quiz == nil {
		return
	}
	l.Quiz.Bank, l.Quiz.BankCategory = termsafe.Line(l.Quiz.Bank), termsafe.Line(l.Quiz.BankCategory)
	for i := range l.Quiz.Questions {
		q := &l.Quiz.Questions[i]
		if q.Markdown {
			q.Prompt = termsafe.Markdown(q.Prompt)
		} else {
			q.Prompt = termsafe.Text(q.Prompt)
		}
		q.Explanation = termsafe.Text(q.Explanation)
		q.WrongFeedback = termsafe.Text(q.WrongFeedback)
		q.Unit = termsafe.Line(q.Unit)
		for j := range q.Accept {
			a := &q.Accept[j]
			a.Text, a.Feedback = termsafe.Line(a.Text), termsafe.Text(a.Feedback)
		}
		for j := range q.Numbers {
			q.Numbers[j].Feedback = termsafe.Text(q.Numbers[j].Feedback)
		}
		for j := range q.Pairs {
			p := &q.Pairs[j]
			p.Prompt, p.Answer = termsafe.Line(p.Prompt), termsafe.Line(p.Answer)
		}
		lines(q.Distractors)
		lines(q.Items)
		q.Source = termsafe.Line(q.Source)
		for j := range q.Choices {
			c := &q.Choices[j]
			c.Text, c.Feedback = termsafe.Line(c.Text), termsafe.Text(c.Feedback)
		}
	}
}

// lines sanitises every string of a list as a single line, in place.
func lines(list []string) {
	for i, s := range list {
		list[i] = termsafe.Line(s)
	}
}
