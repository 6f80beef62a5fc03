// Package termsafe keeps untrusted lesson-pack text from controlling the
// learner's terminal.
//
// Lesson packs come from outside and are untrusted. Glamour passes raw escape
// sequences through (and creates ESC from character references such as
// "&#27;"), and Bubble Tea's renderer passes APC, DCS, PM and SOS strings, SGR 8
// (conceal), bidirectional overrides and OSC 8 hyperlinks with any scheme. The
// package therefore works in two places:
//
//   - at ingestion: [Text] and [Line] clean every plain-text field of a pack,
//     and [Markdown] cleans a lesson body before it is rendered by Glamour;
//   - at output: [ANSI] is an allow-list applied to rendered text just before
//     it is shown. Only printable text, '\n', '\t', SGR styling without
//     conceal, and OSC 8 hyperlinks to http, https and mailto URLs survive.
//     [Check] reports the first thing [ANSI] would change, for tests and fuzz
//     invariants.
//
// [UnsafeRune] is the one statement of which runes must never reach a
// terminal (controls, bidirectional and invisible format controls); the
// cleaning functions remove exactly those, and pack validation reports
// them with [FirstUnsafe] so that the two cannot drift apart.
//
// All functions are pure and safe for concurrent use, and the cleaning
// functions are idempotent: applying one twice gives the same result as
// applying it once.
//
// Escape sequences are recognised as a terminal would: ESC-introduced CSI,
// OSC, DCS, APC, PM and SOS with their payloads, two-byte (and intermediate)
// ESC sequences, and the same introducers written as the C1 runes U+009B,
// U+009D, U+0090, U+009F, U+009E and U+0098. CSI ends at its final byte or at
// the first byte that cannot belong to it; string sequences end at ST (ESC \
// or U+009C), at BEL (OSC only), at CAN or SUB, at an ESC that starts another
// sequence, or at the end of the input.
package termsafe
