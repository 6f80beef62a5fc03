package lessons

import (
	"cmp"
	"strconv"
	"strings"
)

// ValidVersion reports whether v is a semantic version such as 1.2.0 or
// 1.3.0-beta.1 (semver.org 2.0.0).
func ValidVersion(v string) bool { return semverPattern.MatchString(v) }

// CompareVersions orders two valid semantic versions by the precedence
// semver.org gives: -1 when a is older than b, 0 when they are equal in
// precedence (build metadata is ignored), 1 when a is newer.
func CompareVersions(a, b string) int {
	ma, mb := semverPattern.FindStringSubmatch(a), semverPattern.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		return strings.Compare(a, b)
	}
	for i := 1; i <= 3; i++ {
		if c := cmp.Compare(number(ma[i]), number(mb[i])); c != 0 {
			return c
		}
	}
	pa, pb := ma[4], mb[4]
	switch {
	case pa == pb:
		return 0
	case pa == "": // a release is newer than its pre-releases
		return 1
	case pb == "":
		return -1
	}
	fa, fb := strings.Split(pa, "."), strings.Split(pb, ".")
	for i := 0; i < min(len(fa), len(fb)); i++ {
		if c := comparePrerelease(fa[i], fb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(fa), len(fb))
}

// comparePrerelease compares one dot-separated pre-release identifier:
// numbers numerically and below words, words by ASCII.
func comparePrerelease(a, b string) int {
	na, aNum := strconv.ParseUint(a, 10, 64)
	nb, bNum := strconv.ParseUint(b, 10, 64)
	switch {
	case aNum == nil && bNum == nil:
		return cmp.Compare(na, nb)
	case aNum == nil:
		return -1
	case bNum == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// number reads a version part; the pattern guarantees digits, and parts too
// large for 64 bits compare as the largest value.
func number(s string) uint64 {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return ^uint64(0)
	}
	return n
}
