package termsafe

import (
	"strings"
	"testing"
)

// glamourLesson returns a real Glamour render (dark style, width 80) of the
// 2,089-word lesson in testdata: 151 KB of SGR-dense output, more than the
// 125 KB the reference measured for its 2,000-word lesson. It is repeated if
// a smaller lesson ever makes it shorter than that.
func glamourLesson(b *testing.B) string {
	b.Helper()
	out := render(b, "dark", 80, lessonBody(b))
	return strings.Repeat(out, (125_000+len(out)-1)/len(out))
}

func BenchmarkANSI(b *testing.B) {
	out := glamourLesson(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(out)))
	for b.Loop() {
		if ANSI(out) != out {
			b.Fatal("ANSI changed Glamour output")
		}
	}
}

// BenchmarkANSIDirty measures the slow path: output with something to remove
// near the start, so the whole text is copied.
func BenchmarkANSIDirty(b *testing.B) {
	out := "\x1b]0;T\a" + glamourLesson(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(out)))
	for b.Loop() {
		ANSI(out)
	}
}

func BenchmarkCheck(b *testing.B) {
	out := glamourLesson(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(out)))
	for b.Loop() {
		if err := Check(out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText(b *testing.B) {
	for _, c := range []struct{ name, s string }{
		{"title", "Spotting phishing emails — part 2"},
		{"lesson", lessonBody(b)},
		{"dirty-lesson", "\x1b]0;T\a" + lessonBody(b)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				Text(c.s)
			}
		})
	}
}

func BenchmarkMarkdown(b *testing.B) {
	s := lessonBody(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Markdown(s)
	}
}
