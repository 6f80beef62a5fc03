package lessons

import "testing"

func TestCompareVersions(t *testing.T) {
	// The precedence example from semver.org §11, oldest first.
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"}
	for i := range order {
		for j := range order {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := CompareVersions(order[i], order[j]); got != want {
				t.Errorf("CompareVersions(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	if CompareVersions("1.0.0+build.1", "1.0.0+build.2") != 0 {
		t.Error("build metadata counted")
	}
	for _, v := range []string{"1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01"} {
		if ValidVersion(v) {
			t.Errorf("%q is valid", v)
		}
	}
}
