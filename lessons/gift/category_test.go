package gift

import (
	"regexp"
	"testing"
)

// contextReference is the pattern isContextName stands for.
var contextReference = regexp.MustCompile(`^\$[a-z]+\$$`)

func TestIsContextName(t *testing.T) {
	for _, name := range []string{"$course$", "$system$", "$a$", "$$", "$", "", "$Course$", "$course", "course$",
		"$cou rse$", "$course$x", "x$course$", "$cat1$", "$é$", "$course$$", "$$course$"} {
		if got, want := isContextName(name), contextReference.MatchString(name); got != want {
			t.Errorf("isContextName(%q) = %v, want %v", name, got, want)
		}
	}
}
