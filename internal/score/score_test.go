package score

import (
	"fmt"
	"testing"
)

func TestPercentRoundsHalfUp(t *testing.T) {
	cases := []struct {
		points, total float64
		want          int
	}{
		{6.8, 7, 97}, // 97.14
		{2, 3, 67},   // 66.67
		{1, 3, 33},
		{5, 8, 63}, // 62.5 exactly: half up, not to even
		{1, 8, 13}, // 12.5
		{0.1 + 0.2, 0.6, 50},
		{1.005, 1, 101},   // stored as 1.00499…: rounds as the decimal reads
		{0.145, 0.1, 145}, // 144.99999… in binary
		{2.5, 4, 63},      // 62.5
		{7, 7, 100},
		{0, 7, 0},
		{3, 0, 0},
	}
	for _, c := range cases {
		if got := Percent(c.points, c.total); got != c.want {
			t.Errorf("Percent(%v, %v) = %d, want %d", c.points, c.total, got, c.want)
		}
	}
	if got := Share(0.625); got != 63 {
		t.Errorf("Share(0.625) = %d, want 63", got)
	}
}

func TestMarksTwoDecimalsTrimmed(t *testing.T) {
	cases := []struct {
		points float64
		want   string
	}{
		{4.25, "4.25"},
		{4.125, "4.13"}, // half up
		{6.8, "6.8"},
		{3, "3"},
		{0, "0"},
		{2.0 / 3, "0.67"},
		{4.5, "4.5"},
		{0.1 + 0.2, "0.3"},
		{2.675, "2.68"}, // stored as 2.67499…; rounds as written
		{-0.5, "-0.5"},
		{-0.001, "0"},
	}
	for _, c := range cases {
		if got := Marks(c.points); got != c.want {
			t.Errorf("Marks(%v) = %q, want %q", c.points, got, c.want)
		}
	}
	for p, want := range map[float64]string{1: "1 mark", 0: "0 marks", 2.5: "2.5 marks", 1.004: "1 mark"} {
		if got := MarkCount(p); got != want {
			t.Errorf("MarkCount(%v) = %q, want %q", p, got, want)
		}
	}
}

// TestPercentAgreesWithMarks: the percentage of a whole score and its
// marks, shown side by side, never disagree about a half.
func TestPercentAgreesWithMarks(t *testing.T) {
	for total := 1; total <= 20; total++ {
		for quarter := 0; quarter <= total*4; quarter++ {
			p := float64(quarter) / 4
			got := Percent(p, float64(total))
			exact := p * 100 / float64(total)
			if float64(got) < exact-0.5-1e-9 || float64(got) > exact+0.5+1e-9 {
				t.Fatalf("Percent(%v, %d) = %d, exact %v", p, total, got, exact)
			}
			if s := Marks(p); s != fmt.Sprint(p) {
				t.Fatalf("Marks(%v) = %q", p, s)
			}
		}
	}
}
