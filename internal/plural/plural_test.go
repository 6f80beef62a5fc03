package plural

import "testing"

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 cards", 1: "1 card", 2: "2 cards", 11: "11 cards", 21: "21 cards", 101: "101 cards"} {
		if got := Count(n, "card", "cards"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestForm(t *testing.T) {
	if Form(1, "is", "are") != "is" || Form(3, "is", "are") != "are" || Form(0, "it", "them") != "them" {
		t.Error("wrong forms of is/are or it/them")
	}
}
