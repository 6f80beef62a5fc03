// Package lessons reads, validates and serves Upskill lesson packs.
//
// A pack is a folder holding a manifest (pack.yaml) and one Markdown file per
// lesson under lessons/, each with YAML front matter for the lesson's
// metadata and quiz. The format is documented for trainers in
// docs/pack-format.md; this package is its only implementation.
//
// [Load] reads a pack from any [io/fs.FS] (a folder through [os.DirFS], or an
// embedded pack) and checks all of it. A pack with problems is never half
// loaded: Load returns a [*ValidationError] listing every problem it found,
// each as file:line: message, and no [Pack].
//
// Packs are untrusted input. Every text a pack supplies is checked for
// control characters and sanitised with package termsafe before it leaves
// this package, YAML anchors and aliases are refused, and sizes and nesting
// are bounded (see the limits in limits.go).
package lessons
