package accessible

import (
	"reflect"
	"testing"
)

func TestPlainBlocks(t *testing.T) {
	src := "# Title\n\nSome *emphasis*, `code` and a [link](https://example.com).\n\n" +
		"- one\n- two\n  1. nested\n\n3. three\n4. four\n\n" +
		"```\nx := 1\n```\n\n> quoted\n\n---\n\n![a chart](c.png) <https://gov.uk>\n\n" +
		"| A | B |\n|---|---|\n| 1 | 2 |\n"
	want := [][]string{
		{"Heading: Title"},
		{"Some emphasis, code and a link (https://example.com)."},
		{"- one", "- two", "  1. nested"},
		{"3. three", "4. four"},
		{"Code:", "x := 1", "End of code."},
		{"Quote: quoted"},
		{"Image: a chart https://gov.uk"},
		{"Table of 2 columns and 1 row.", "Row 1: A: 1; B: 2."},
	}
	if got := plainBlocks(src); !reflect.DeepEqual(got, want) {
		t.Fatalf("plainBlocks =\n%q\nwant\n%q", got, want)
	}
}

func TestPaginate(t *testing.T) {
	blocks := [][]string{{"a", "b"}, {"c"}, {"d", "e", "f"}}
	got := paginate(blocks, 4)
	want := [][]string{{"a", "b", "", "c"}, {"d", "e", "f"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("paginate = %q, want %q", got, want)
	}
	if got := paginate(nil, 4); len(got) != 1 {
		t.Fatalf("an empty lesson has %d pages, want 1", len(got))
	}
}
